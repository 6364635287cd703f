package dev.fnlens.collector.alert.rule;

import java.time.Duration;

/**
 * Alertmanager's notification timers. A null member is unset: a rule's timers win over its destination's,
 * which win over {@link #DEFAULTS}.
 *
 * @param groupWait      how long a new group of alerts waits for more before the first notification
 * @param groupInterval  how long after a notification changes to the group (new or resolved alerts) are sent
 * @param repeatInterval how long after a notification the same firing alerts are sent again
 */
public record NotifyTimers(Duration groupWait, Duration groupInterval, Duration repeatInterval) {
    public static final NotifyTimers DEFAULTS = new NotifyTimers(Duration.ofSeconds(30), Duration.ofMinutes(5),
            Duration.ofHours(4));
    public static final NotifyTimers UNSET = new NotifyTimers(null, null, null);

    /** These timers, with the unset ones taken from {@code fallback}. */
    public NotifyTimers or(NotifyTimers fallback) {
        return new NotifyTimers(groupWait != null ? groupWait : fallback.groupWait,
                groupInterval != null ? groupInterval : fallback.groupInterval,
                repeatInterval != null ? repeatInterval : fallback.repeatInterval);
    }
}
