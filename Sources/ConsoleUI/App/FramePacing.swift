import StimulationEngine

/// How long the console may sleep before its next frame. Numbers a person reads change visibly a few times a
/// second at most, so 4 frames a second is enough; a flashing alarm is drawn exactly at its on/off edges,
/// so it keeps its IEC rate without the console waking in between.
enum FramePacing {
    static let steadyMilliseconds: Int64 = 250

    /// Milliseconds until the next frame is due, 1 or more.
    static func wait(_ model: ConsoleModel?) -> Int32 {
        guard let model, let alarm = model.snapshot.alarms.first,
              let period = AlarmFlash.periodMilliseconds(alarm.priority) else { return Int32(steadyMilliseconds) }
        let half = period / 2
        let untilEdge = half - model.wallMilliseconds % half
        return Int32(max(1, min(steadyMilliseconds, untilEdge)))
    }
}
