/// A policy derived from another may only tighten it: a home unit's prescription lowers ceilings
/// and narrows ranges, and nothing can make a derived policy more permissive than its parent.
extension SafetyPolicy {
    public struct LooserPolicy: Error, Hashable, Sendable, CustomStringConvertible {
        public var name: String
        public var loosened: [SafetyLimit]
        public var description: String {
            "the \(name) policy would loosen " + loosened.map(\.description).joined(separator: ", ")
                + "; a derived policy may only be stricter than the one it comes from"
        }
    }

    /// This policy changed by `change`, refused if any limit became looser.
    public func stricter(named name: String, _ change: (inout SafetyPolicy) -> Void) throws(LooserPolicy) -> SafetyPolicy {
        var derived = self
        derived.name = name
        change(&derived)
        let loosened = derived.loosenedLimits(against: self)
        guard loosened.isEmpty else { throw LooserPolicy(name: name, loosened: loosened) }
        return derived
    }

    /// Lowers a modality's amplitude ceiling on both electrode kinds (a prescription's patient maximum).
    public mutating func lowerCeiling(of modality: Modality, to ceiling: Current) {
        for electrode in Electrode.Kind.allCases {
            let key = ModalityKey(modality: modality, electrode: electrode)
            guard let current = modalities[key]?.ceiling else { continue }
            modalities[key]?.ceiling = min(ceiling, current)
        }
    }

    public mutating func lowerRampRate(of modality: Modality, to rate: Current) {
        rampRates[modality] = min(rate, rampRates[modality] ?? rate)
    }

    /// Every limit in which `self` allows more than `parent`.
    func loosenedLimits(against parent: SafetyPolicy) -> [SafetyLimit] {
        var loose: [SafetyLimit] = []
        func check(_ limit: SafetyLimit, _ noLooser: Bool) { if !noLooser { loose.append(limit) } }
        func inside<T>(_ a: ClosedRange<T>, _ b: ClosedRange<T>) -> Bool {
            a.lowerBound >= b.lowerBound && a.upperBound <= b.upperBound
        }
        for (key, spec) in parent.modalities {
            check(.modalityCeiling(key.modality, key.electrode), modalities[key].map { $0.isNoLooser(than: spec) } ?? false)
        }
        for (modality, rate) in parent.rampRates {
            check(.rampRate(modality), rampRates[modality].map { $0 <= rate } ?? false)
        }
        check(.softStartStep, softStartStep <= parent.softStartStep)
        check(.pulsedChargePerPhase, pulsedChargePerPhase <= parent.pulsedChargePerPhase)
        check(.microcurrentChargePerPhase, microcurrentChargePerPhase <= parent.microcurrentChargePerPhase)
        check(.netCharge, netChargeTolerance <= parent.netChargeTolerance)
        check(.rmsCurrent, rmsCurrent <= parent.rmsCurrent)
        check(.densityWarning, densityWarning <= parent.densityWarning)
        check(.densityCeiling, densityCeiling <= parent.densityCeiling)
        check(.powerDensity, powerDensity <= parent.powerDensity)
        check(.pulseEnergy, pulseEnergy <= parent.pulseEnergy)
        check(.shannonK, shannonK <= parent.shannonK)
        check(.longestProgramme, longestProgramme <= parent.longestProgramme)
        check(.longestProtocol, longestProtocol <= parent.longestProtocol)
        check(.mostProgrammes, mostProgrammes <= parent.mostProgrammes)
        check(.mostChannels, mostChannels <= parent.mostChannels)
        check(.padArea, inside(padArea, parent.padArea))
        check(.needleArea, inside(needleArea, parent.needleArea))
        check(.longestSweepCycle, longestSweepCycle <= parent.longestSweepCycle)
        check(.engineLookahead, engineLookahead <= parent.engineLookahead)
        check(.outputGapRestart, outputGapRestart <= parent.outputGapRestart)
        check(.keepAliveInterval, keepAliveInterval <= parent.keepAliveInterval)
        check(.ackTimeout, ackTimeout <= parent.ackTimeout)
        check(.handshakeTimeout, handshakeTimeout <= parent.handshakeTimeout)
        check(.damagedFrames, damagedFrames <= parent.damagedFrames && damageWindow >= parent.damageWindow)
        check(.minimumDeviceLookahead, minimumDeviceLookahead >= parent.minimumDeviceLookahead)
        check(.deviceWatchdog, inside(deviceWatchdog, parent.deviceWatchdog))
        check(.deviceClockJump, deviceClockJump <= parent.deviceClockJump)
        check(.telemetrySilence, telemetrySilence <= parent.telemetrySilence)
        check(.serialReaderLag, serialReaderLag <= parent.serialReaderLag)
        check(.lineShare, lineSharePercent <= parent.lineSharePercent)
        return loose
    }
}
