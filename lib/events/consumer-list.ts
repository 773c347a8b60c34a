import { pagingConsumer } from "@/lib/paging/paging-consumer";
import { statusFanoutConsumer } from "@/lib/status-pages/fanout-consumer";
import { maintenanceFanoutConsumer } from "@/lib/status-pages/maintenance-fanout-consumer";
import { postmortemsConsumer } from "@/lib/postmortems/postmortem-consumer";
import { webhooksConsumer } from "@/lib/webhooks/fanout-consumer";
import { workflowsConsumer } from "@/lib/workflows/workflows-consumer";
import type { EventConsumerDefinition } from "./consumers";

/**
 * Every consumer of domain events: the one way a feature reacts to a change elsewhere. A feature adds
 * its consumer here; dispatch hands each event to each interested consumer once.
 */
export const EVENT_CONSUMERS: readonly EventConsumerDefinition[] = [
  postmortemsConsumer,
  workflowsConsumer,
  webhooksConsumer,
  pagingConsumer,
  statusFanoutConsumer,
  maintenanceFanoutConsumer,
];
