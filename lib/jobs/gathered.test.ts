import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { gathered } from "./gathered";

describe("gathered", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("runs once for the calls of one window, after the window, and again for a later call", () => {
    const fn = vi.fn();
    const call = gathered(fn, 50);
    call();
    vi.advanceTimersByTime(20);
    call();
    call();
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(30);
    expect(fn).toHaveBeenCalledTimes(1);
    call();
    vi.advanceTimersByTime(49);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it("calls straight through without a window", () => {
    const fn = vi.fn();
    const call = gathered(fn, 0);
    call();
    call();
    expect(fn).toHaveBeenCalledTimes(2);
  });
});
