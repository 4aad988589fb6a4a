import Foundation
import StimulationCore
import Transports

/// A session as JSON objects, keys sorted: the headless run's lines and the treatment records' payloads say the same.
public enum SessionJSON {
    public static func line(_ object: [String: Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    public static func seconds(_ t: TimeSpan) -> Double { Double(t.nanoseconds) / 1e9 }

    public static func event(_ event: SessionEvent) -> [String: Any] {
        var o: [String: Any] = ["type": "event", "t": seconds(event.time)]
        switch event.kind {
        case .connected(let c):
            o.merge(["event": "connected", "device": c.deviceID, "channels": c.channels,
                     "max_uA": c.maximumAmplitude.microamps, "lookahead_ms": c.lookahead.nanoseconds / 1_000_000]) { $1 }
        case .stateChanged(let from, let to, let reason):
            o.merge(["event": "state", "from": from.rawValue, "to": to.rawValue, "reason": reason]) { $1 }
        case .screeningRecorded(let answers, let overrideReason):
            o.merge(["event": "screening", "answers": Dictionary(uniqueKeysWithValues: answers.map { ($0.key.rawValue, $0.value) }),
                     "override": overrideReason ?? NSNull()]) { $1 }
        case .screeningBlocked(let positive):
            o.merge(["event": "screening_blocked", "contraindications": positive.map(\.rawValue)]) { $1 }
        case .commandRefused(let reason):
            o.merge(["event": "refused", "reason": reason]) { $1 }
        case .programmeStarted(let index, let name):
            o.merge(["event": "programme_started", "programme": index + 1, "name": name]) { $1 }
        case .programmeCompleted(let index, let delivered):
            o.merge(["event": "programme_completed", "programme": index + 1, "delivered_s": seconds(delivered)]) { $1 }
        case .targetChanged(let channel, let target):
            o.merge(["event": "target", "channel": channel, "target_uA": target.microamps]) { $1 }
        case .amplitudeClamped(let channel, let requested, let limit, let source):
            o.merge(["event": "clamped", "channel": channel, "requested_uA": requested.microamps,
                     "limit_uA": limit.microamps, "source": source]) { $1 }
        case .electrodeFault(let channel, let contact, let impedance):
            o.merge(["event": "electrode_fault", "channel": channel, "contact": contact.rawValue,
                     "impedance_ohm": impedance.map { $0.ohms.rounded() } ?? NSNull()]) { $1 }
        case .contactRestored(let channel):
            o.merge(["event": "contact_restored", "channel": channel]) { $1 }
        case .alarmRaised(let alarm):
            o.merge(alarmFields(alarm, "alarm_raised")) { $1 }
        case .alarmAcknowledged(let alarm):
            o.merge(alarmFields(alarm, "alarm_acknowledged")) { $1 }
        case .alarmCleared(let alarm):
            o.merge(alarmFields(alarm, "alarm_cleared")) { $1 }
        case .emergencyStop:
            o["event"] = "emergency_stop"
        case .outputOff(let reason):
            o.merge(["event": "output_off", "reason": reason]) { $1 }
        case .hostNotice(let message):
            o.merge(["event": "host_notice", "message": message]) { $1 }
        case .outputGap(let length, let softStart):
            o.merge(["event": "output_gap", "length_s": seconds(length), "soft_start": softStart]) { $1 }
        }
        return o
    }

    public static func alarmFields(_ alarm: Alarm, _ name: String) -> [String: Any] {
        ["event": name, "alarm": alarm.id, "priority": alarm.priority.name, "marker": alarm.priority.marker,
         "message": alarm.message, "channel": alarm.channel ?? NSNull()]
    }

    public static func snapshot(_ s: EngineSnapshot) -> [String: Any] {
        [
            "type": "snapshot", "t": seconds(s.time), "state": s.state.rawValue, "reason": s.stateReason,
            "link": s.linkUp ? "up" : "down", "emergency_latched": s.emergencyLatched,
            "programme": ["index": s.programmeIndex + 1, "of": s.programmeCount, "name": s.programmeName,
                          "elapsed_s": seconds(s.programmeElapsed), "remaining_s": seconds(s.programmeRemaining)],
            "total_remaining_s": seconds(s.totalRemaining),
            "channels": s.channels.map { c -> [String: Any] in
                ["channel": c.channel, "target_uA": c.target.microamps, "commanded_uA": c.commanded.microamps,
                 "delivered_uA": c.delivered.microamps, "impedance_ohm": c.impedance.map { $0.ohms.rounded() } ?? NSNull(),
                 "contact": c.contact.rawValue, "ceiling_uA": c.ceiling.amplitude.microamps, "faulted": c.faulted]
            },
            "alarms": s.alarms.map { ["alarm": $0.id, "priority": $0.priority.name, "message": $0.message,
                                      "acknowledged": $0.acknowledged] },
        ]
    }

    public static func summary(_ s: SessionSummary, at time: TimeSpan) -> [String: Any] {
        var summary: [String: Any] = [
            "type": "summary", "t": seconds(time), "end": s.state.rawValue, "reason": s.reason,
            "programmes": s.deliveredPerProgramme.map { ["name": $0.name, "delivered_s": seconds($0.time)] },
            "channels": s.highestCommanded.indices.map {
                ["channel": $0 + 1, "highest_commanded_uA": s.highestCommanded[$0].microamps,
                 "highest_delivered_uA": s.highestDelivered[$0].microamps]
            },
            "output_gaps": ["count": s.outputGaps.count, "total_s": seconds(s.outputGaps.total),
                            "longest_s": seconds(s.outputGaps.longest), "soft_starts": s.outputGaps.restarts],
        ]
        if let timing = s.edgeTiming { summary["edge_timing"] = edgeTiming(timing) }
        return summary
    }

    /// Percentiles in whole µs: p50, p99, p99.9 and the largest.
    static func edgeTiming(_ t: EdgeTiming) -> [String: Any] {
        func spread(_ counts: [Int]) -> [String: Any] {
            ["count": counts.reduce(0, +), "p50_us": EdgeTiming.percentile(counts, 0.5) ?? 0,
             "p99_us": EdgeTiming.percentile(counts, 0.99) ?? 0, "p999_us": EdgeTiming.percentile(counts, 0.999) ?? 0,
             "max_us": EdgeTiming.maximum(counts) ?? 0]
        }
        return ["late": spread(t.lateness), "stretch": spread(t.stretch), "skipped_pulses": t.skippedPulses]
    }

    public static func note(_ message: String, at time: TimeSpan) -> [String: Any] {
        ["type": "note", "t": seconds(time), "message": message]
    }
}
