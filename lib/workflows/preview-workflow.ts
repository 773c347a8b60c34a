import type { Db } from "@/db/client";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { parseInput } from "@/lib/validation";
import { compileCondition } from "./compile-condition";
import { evaluateCondition } from "./condition";
import { recentTriggerSamples } from "./recent-trigger-samples";
import { conditionContext } from "./run-workflows-for-event";
import { PreviewWorkflowInput, type PreviewView } from "./schemas";

export const PREVIEW_SAMPLES = 50;

/** Which of the last 50 events of the trigger the condition would match; runs no action. Part of editing, so responders. */
export async function previewWorkflow(db: Db, actor: Actor, rawInput: unknown): Promise<PreviewView> {
  authorize(actor, "workflows.manage");
  const input = parseInput(PreviewWorkflowInput, rawInput);
  const node = compileCondition(input.condition);
  const samples = await recentTriggerSamples(db, input.trigger, PREVIEW_SAMPLES);
  const items = samples.map((sample) => ({
    key: sample.key,
    label: sample.label,
    at: sample.at,
    matched: node === null || evaluateCondition(node, conditionContext(sample.subject)),
  }));
  return {
    trigger: input.trigger,
    sampled: items.length,
    matched: items.filter((item) => item.matched).length,
    items,
  };
}
