/// What a cell means, not how it looks: a theme turns each role into colours and attributes,
/// so the same screen works in colour, in eight colours and in monochrome.
public enum StyleRole: String, CaseIterable, Sendable {
    case normal
    case border
    case title
    case label
    case value
    case dim
    case header
    case headerAccent = "header.accent"
    case selected
    case channelBar = "channel.bar"
    case channelBarEmpty = "channel.bar.empty"
    case channelGraph = "channel.graph"
    case electrodeOk = "electrode.ok"
    case electrodePoor = "electrode.poor"
    case electrodeOpen = "electrode.open"
    case electrodeShort = "electrode.short"
    case densityWarning = "density.warning"
    case stateRunning = "state.running"
    case statePaused = "state.paused"
    case stateStopped = "state.stopped"
    case progressDone = "progress.done"
    case progressCurrent = "progress.current"
    case progressNext = "progress.next"
    case alarmHigh = "alarm.high"
    case alarmMedium = "alarm.medium"
    case alarmLow = "alarm.low"
    case functionKey = "function.key"
    case functionLabel = "function.label"
    case dialog
}
