import { useEffect, useState } from "react";
import { wallClockMs } from "@/platform/time";
import { Notice } from "@/platform/ui/Notice";
import { describeWait } from "@/pages/signup/validation";

/** Counts down a Retry-After wait in wall time (seconds left, 0 when free to retry). */
export function useRetryCountdown() {
  const [until, setUntil] = useState<number | null>(null);
  const [now, setNow] = useState(() => wallClockMs());
  useEffect(() => {
    if (until === null) return undefined;
    const timer = setInterval(() => {
      const t = wallClockMs();
      setNow(t);
      if (t >= until) setUntil(null);
    }, 1000);
    return () => clearInterval(timer);
  }, [until]);
  const secondsLeft = until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
  return {
    waiting: secondsLeft > 0,
    secondsLeft,
    start: (seconds: number) => {
      const t = wallClockMs();
      setNow(t);
      setUntil(t + Math.max(1, seconds) * 1000);
    },
  };
}

/** 429: how long to wait before trying again. */
export function RateLimitNotice({ secondsLeft }: { secondsLeft: number }) {
  return (
    <Notice tone="warning" heading="Too many requests right now">
      We've had too many trial requests from your network or company in a short time. Please try again in {describeWait(secondsLeft)}.
    </Notice>
  );
}
