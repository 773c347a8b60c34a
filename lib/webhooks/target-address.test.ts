import { describe, expect, it } from "vitest";
import { blockedAddressReason, ipv6Groups } from "./target-address";
import { classifyAnswer, retryDelaySeconds } from "./retry-policy";

describe("blockedAddressReason", () => {
  it.each([
    ["0.0.0.0", "this network"],
    ["0.1.2.3", "this network"],
    ["10.0.0.1", "private"],
    ["10.255.255.255", "private"],
    ["100.64.0.1", "carrier-grade NAT"],
    ["100.127.255.254", "carrier-grade NAT"],
    ["127.0.0.1", "loopback"],
    ["127.255.255.255", "loopback"],
    ["169.254.169.254", "link-local (cloud metadata)"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.10", "private"],
    ["192.0.0.8", "IETF protocol assignments"],
    ["198.18.0.1", "benchmarking"],
    ["224.0.0.251", "multicast"],
    ["255.255.255.255", "reserved"],
  ])("refuses IPv4 %s (%s)", (address, reason) => {
    expect(blockedAddressReason(address)).toBe(reason);
  });

  it.each([
    "8.8.8.8",
    "1.1.1.1",
    "93.184.216.34",
    "172.15.255.255",
    "172.32.0.1",
    "100.63.255.255",
    "100.128.0.1",
    "192.169.0.1",
    "11.0.0.1",
    "223.255.255.255",
  ])("allows public IPv4 %s", (address) => {
    expect(blockedAddressReason(address)).toBeNull();
  });

  it.each([
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["0:0:0:0:0:0:0:1", "loopback"],
    ["::ffff:127.0.0.1", "IPv4-mapped"],
    ["::ffff:8.8.8.8", "IPv4-mapped"],
    ["::ffff:7f00:1", "IPv4-mapped"],
    ["::127.0.0.1", "IPv4-mapped"],
    ["fd00:ec2::254", "unique-local (includes fd00:ec2::254, cloud metadata)"],
    ["fc00::1", "unique-local (includes fd00:ec2::254, cloud metadata)"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["febf::1", "link-local"],
    ["fec0::1", "site-local"],
    ["ff02::1", "multicast"],
    ["64:ff9b::a9fe:a9fe", "NAT64"],
    ["2001:db8::1", "documentation"],
    ["2002:7f00:1::", "6to4"],
    ["2001:0:4136:e378::", "Teredo"],
    ["100::1", "discard-only"],
    ["::ffff:0:127.0.0.1", "IPv4-translated"],
    ["::ffff:0:a9fe:a9fe", "IPv4-translated"],
    ["5f00::1", "SRv6 segment identifiers"],
    ["5f00:ffff::", "SRv6 segment identifiers"],
    ["3fff::1", "documentation"],
    ["3fff:fff::1", "documentation"],
  ])("refuses IPv6 %s (%s)", (address, reason) => {
    expect(blockedAddressReason(address)).toBe(reason);
  });

  it.each([
    "2606:4700:4700::1111",
    "2001:4860:4860::8888",
    "2a00:1450:4001:80b::200e",
    "3fff:1000::1",
    "5f01::1",
  ])("allows public IPv6 %s", (address) => {
    expect(blockedAddressReason(address)).toBeNull();
  });

  it("refuses anything that is not an IP literal", () => {
    expect(blockedAddressReason("localhost")).toBe("not an IP address");
    expect(blockedAddressReason("")).toBe("not an IP address");
    expect(blockedAddressReason("999.1.1.1")).toBe("not an IP address");
  });

  it("expands IPv6 groups, with :: and dotted tails", () => {
    expect(ipv6Groups("::1")).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(ipv6Groups("fd00:ec2::254")).toEqual([0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254]);
    expect(ipv6Groups("::ffff:169.254.169.254")).toEqual([0, 0, 0, 0, 0, 0xffff, 0xa9fe, 0xa9fe]);
  });
});

describe("retry policy", () => {
  it("retries 5xx, 408, 429 and no answer; 3xx and other 4xx are permanent", () => {
    expect(classifyAnswer(200, null).kind).toBe("delivered");
    expect(classifyAnswer(204, null).kind).toBe("delivered");
    expect(classifyAnswer(500, null).kind).toBe("retryable");
    expect(classifyAnswer(503, null).kind).toBe("retryable");
    expect(classifyAnswer(408, null).kind).toBe("retryable");
    expect(classifyAnswer(429, null).kind).toBe("retryable");
    expect(classifyAnswer(null, "Timed out after 10 s.")).toEqual({
      kind: "retryable",
      error: "Timed out after 10 s.",
    });
    expect(classifyAnswer(404, null)).toEqual({
      kind: "permanent",
      error: "Permanent failure: the receiver refused it with 404; not retried.",
    });
    expect(classifyAnswer(302, null, "https://elsewhere.example/").kind).toBe("permanent");
    expect(classifyAnswer(302, null, "https://elsewhere.example/")).toMatchObject({
      error: expect.stringContaining("redirects are not followed"),
    });
  });

  it("backs off exponentially with jitter; the first retry within 30 s, capped at an hour", () => {
    expect(retryDelaySeconds(1, () => 0)).toBe(5);
    expect(retryDelaySeconds(1, () => 1)).toBe(10);
    expect(retryDelaySeconds(2, () => 1)).toBe(20);
    expect(retryDelaySeconds(5, () => 0.5)).toBe(120);
    expect(retryDelaySeconds(30, () => 1)).toBe(3600);
    expect(retryDelaySeconds(30, () => 0)).toBe(1800);
  });
});
