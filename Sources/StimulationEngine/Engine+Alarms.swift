extension Engine {
    /// Raises an alarm, or refreshes the one already standing for the same cause.
    func raiseAlarm(_ cause: Alarm.Cause, priority: AlarmPriority, _ message: String, conditionPresent: Bool = true) {
        if let index = alarms.firstIndex(where: { $0.cause == cause }) {
            alarms[index].priority = max(alarms[index].priority, priority)
            alarms[index].message = message
            alarms[index].acknowledged = false
            alarms[index].conditionPresent = conditionPresent
            record(.alarmRaised(alarms[index]))
            return
        }
        let alarm = Alarm(id: nextAlarmID, cause: cause, priority: priority, message: message, raisedAt: now,
                          acknowledged: false, conditionPresent: conditionPresent)
        nextAlarmID += 1
        alarms.append(alarm)
        record(.alarmRaised(alarm))
    }

    func acknowledgeAlarms() {
        for index in alarms.indices where !alarms[index].acknowledged {
            alarms[index].acknowledged = true
            if alarms[index].cause == .emergencyStop {
                alarms[index].conditionPresent = false
                emergencyLatched = false
            }
            record(.alarmAcknowledged(alarms[index]))
        }
        clearSettledAlarms()
    }

    /// An alarm goes only when it has been acknowledged and its condition has gone.
    func clearSettledAlarms() {
        let settled = alarms.filter { $0.acknowledged && !$0.conditionPresent }
        alarms.removeAll { $0.acknowledged && !$0.conditionPresent }
        for alarm in settled { record(.alarmCleared(alarm)) }
    }
}
