import Testing
@testable import StimulationCore

/// Every limit accepts a value at it and rejects one just above it. Each test states the published
/// number itself, with its source, so a changed limit in SafetyPolicy fails here instead of moving with it.
@Suite struct SafetyLimitTests {
    static let pad = Electrode(kind: .pad, area: .squareCentimetres(25))
    static let needle = Electrode(kind: .needle, area: .squareCentimetres(0.08))

    /// Figures comfortably inside every limit, to be pushed to one limit at a time.
    func safe(electrode: Electrode = pad, microcurrent: Bool = false) -> SafetyFigures {
        SafetyFigures(channel: 1, amplitude: .milliamps(10), electrode: electrode, peak: .milliamps(10),
                      chargePerPhase: .microcoulombs(0.001), netCharge: .microcoulombs(0), netChargeWindow: "per pulse",
                      rms: .milliamps(0.001), density: CurrentDensity(milliampsPerSquareCentimetre: 0.001),
                      powerDensity: PowerDensity(wattsPerSquareCentimetre: 0.0001), pulseEnergy: Energy(millijoules: 0.01),
                      shannonK: -3, isMicrocurrent: microcurrent)
    }

    func violations(_ f: SafetyFigures) -> [String] { f.findings.filter { $0.severity == .violation }.map(\.limit.description) }
    func warnings(_ f: SafetyFigures) -> [String] { f.findings.filter { $0.severity == .warning }.map(\.limit.description) }

    @Test func safeFiguresPass() {
        #expect(safe().findings.isEmpty)
        #expect(safe(electrode: Self.needle).findings.isEmpty)
    }

    @Test func pulsedChargePerPhase() {
        var f = safe()
        // 75 µC (unverified): above EMS at 100 mA × 600 µs, the largest pulse DOMAIN lists.
        f.chargePerPhase = .microcoulombs(75)
        #expect(violations(f).isEmpty)
        f.chargePerPhase.microcoulombs += 0.001
        #expect(violations(f) == ["charge per phase"])
    }

    @Test func microcurrentChargePerPhase() {
        var f = safe(microcurrent: true)
        // 1000 µC: DOMAIN's 1000 µA microcurrent ceiling for a 1 s phase.
        f.chargePerPhase = .microcoulombs(1000)
        #expect(violations(f).isEmpty)
        f.chargePerPhase.microcoulombs += 0.001
        #expect(violations(f) == ["charge per phase"])
    }

    @Test func netDirectCurrent() {
        var f = safe()
        // DOMAIN: S1 = S2; 0.001 µC is rounding to whole µA and ns only.
        f.netCharge = .microcoulombs(0.001)
        #expect(violations(f).isEmpty)
        f.netCharge.microcoulombs += 0.000_001
        #expect(violations(f) == ["net DC"])
        f.netCharge.microcoulombs *= -1
        #expect(violations(f) == ["net DC"])
    }

    @Test func rmsCurrent() {
        var f = safe()
        // 50 mA rms: the output ceiling device makers quote (DOMAIN).
        f.rms = .milliamps(50)
        #expect(violations(f).isEmpty)
        f.rms.microamps += 1
        #expect(violations(f) == ["rms current"])
    }

    @Test func densityWarnsAboveTwoAndRejectsAboveTheCeilingOnPads() {
        var f = safe()
        // IEC 60601-2-10: warn above 2 mA rms/cm²; refuse above 4 (unverified, twice that) on pads.
        f.density = CurrentDensity(milliampsPerSquareCentimetre: 2)
        #expect(f.findings.isEmpty)
        f.density.milliampsPerSquareCentimetre += 0.001
        #expect(warnings(f) == ["rms current density"])
        #expect(violations(f).isEmpty)
        f.density = CurrentDensity(milliampsPerSquareCentimetre: 4)
        #expect(violations(f).isEmpty)
        f.density.milliampsPerSquareCentimetre += 0.001
        #expect(violations(f) == ["rms current density"])
    }

    @Test func shannonOnNeedles() {
        var f = safe(electrode: Self.needle)
        // Shannon 1992: damage at k ≥ 1.85; 1.5 is the conservative design cap (DOMAIN).
        f.shannonK = 1.5
        #expect(violations(f).isEmpty)
        f.shannonK += 0.001
        #expect(violations(f) == ["Shannon k"])
    }

    @Test func powerDensity() {
        var f = safe()
        // FDA powered muscle stimulator guidance: below 0.25 W/cm².
        f.powerDensity = PowerDensity(wattsPerSquareCentimetre: 0.25)
        #expect(violations(f).isEmpty)
        f.powerDensity.wattsPerSquareCentimetre += 0.000_01
        #expect(violations(f) == ["power density"])
    }

    @Test func pulseEnergy() {
        var f = safe()
        // IEC 60601-2-10: at most 300 mJ per pulse into 500 Ω.
        f.pulseEnergy = Energy(millijoules: 300)
        #expect(violations(f).isEmpty)
        f.pulseEnergy.millijoules += 0.001
        #expect(violations(f) == ["pulse energy"])
    }

    @Test func figuresMatchTheDomainWorkedExamples() {
        // 50 mA peak, 200 µs per phase, 100 Hz, symmetric biphasic → 10 mA rms (DOMAIN).
        let programme = Fixtures.programme(frequency: .hertz(100), width: .microseconds(200), maximum: .milliamps(50))
        let f = SafetyFigures(plan: ChannelPlan(programme: programme, channel: 1), amplitude: .milliamps(50))
        #expect(f.rms == .milliamps(10))
        #expect(f.chargePerPhase == .microcoulombs(10))
        #expect(abs(f.density.milliampsPerSquareCentimetre - 0.4) < 1e-9)
        // 5 µC per phase on a 0.08 cm² needle → k ≈ 2.5 (DOMAIN).
        let needle = Fixtures.programme(modality: .electroacupuncture, frequency: .hertz(2), width: .microseconds(500),
                                        maximum: .milliamps(10), electrode: Self.needle)
        let n = SafetyFigures(plan: ChannelPlan(programme: needle, channel: 1), amplitude: .milliamps(10))
        #expect(n.chargePerPhase == .microcoulombs(5))
        #expect(abs(n.shannonK - 2.49) < 0.01)
        #expect(violations(n) == ["Shannon k"])
    }

    @Test func squareWaveChargeIsCheckedAtTheLowestFrequencyItReaches() {
        // A 0.3 Hz square wave has 1.67 s phases: 1667 µC at 1000 µA, over the microcurrent ceiling,
        // even though the sweep's 10 Hz end is harmless.
        let sweep = Sweep(parameter: .frequency, profile: .square, from: 300, to: 10_000, cycle: .seconds(20))
        let programme = Fixtures.programme(modality: .microcurrent, shape: .squareWave, frequency: .millihertz(300),
                                           sweeps: [sweep], maximum: .microamps(1000))
        let f = SafetyFigures(plan: ChannelPlan(programme: programme, channel: 1), amplitude: .microamps(1000))
        #expect(violations(f) == ["charge per phase"])
        let dd = Fixtures.programme(modality: .microcurrent, shape: .squareWave,
                                    denseDisperse: DenseDisperse(disperse: .millihertz(300), dense: .hertz(100), switchEvery: .seconds(10)),
                                    maximum: .microamps(1000))
        #expect(violations(SafetyFigures(plan: ChannelPlan(programme: dd, channel: 1), amplitude: .microamps(1000))) == ["charge per phase"])
    }

    @Test func aBalancedAsymmetricPulseIsNotMistakenForDirectCurrent() throws {
        let text = Fixtures.protocolText()
            .replacingOccurrences(of: "\"symmetric-biphasic\"", with: "\"asymmetric-biphasic\"\nasymmetry = 7")
            .replacingOccurrences(of: "\"200 µs\"", with: "\"500 µs\"")
            .replacingOccurrences(of: "frequency = \"100 Hz\"", with: "frequency = \"80 Hz\"")
            .replacingOccurrences(of: "max = \"40 mA\"", with: "max = \"80 mA\"")
            .replacingOccurrences(of: "area = \"25 cm²\"", with: "area = \"50 cm²\"")
        #expect(throws: Never.self) { try ProtocolLoader.load(text: text, file: "asym.toml") }
    }

    @Test func theModalityCeilingIsAcceptedAtAndRejectedJustAbove() throws {
        let at = Fixtures.protocolText().replacingOccurrences(of: "max = \"40 mA\"", with: "max = \"80 mA\"")
            .replacingOccurrences(of: "\"200 µs\"", with: "\"50 µs\"")
        #expect(throws: Never.self) { try ProtocolLoader.load(text: at, file: "at.toml") }
        let above = at.replacingOccurrences(of: "max = \"80 mA\"", with: "max = \"80.001 mA\"")
        #expect(throws: ProtocolLoadError.self) { try ProtocolLoader.load(text: above, file: "above.toml") }
    }

    @Test func theModalityRangesAreAcceptedAtTheirEdgesAndRejectedPast() throws {
        for (frequency, valid) in [("80 Hz", true), ("79.999 Hz", false), ("200 Hz", true), ("200.001 Hz", false)] {
            let text = Fixtures.protocolText().replacingOccurrences(of: "\"100 Hz\"", with: "\"\(frequency)\"")
            let loads = (try? ProtocolLoader.load(text: text, file: "f.toml")) != nil
            #expect(loads == valid, "frequency \(frequency)")
        }
        for (width, valid) in [("50 µs", true), ("49.999 µs", false), ("500 µs", true), ("500.001 µs", false)] {
            let text = Fixtures.protocolText().replacingOccurrences(of: "\"200 µs\"", with: "\"\(width)\"")
            let loads = (try? ProtocolLoader.load(text: text, file: "w.toml")) != nil
            #expect(loads == valid, "width \(width)")
        }
    }

    @Test func aViolationAtMaximumAmplitudeNamesTheLimitAndBothNumbers() {
        // EMS at 100 mA and 600 µs is 60 µC per phase: within the charge ceiling; at 100 Hz rms is 34.6 mA,
        // on a 4 cm² pad that is 8.7 mA/cm², above the density ceiling.
        let text = Fixtures.protocolText()
            .replacingOccurrences(of: "\"tens-conventional\"", with: "\"ems\"")
            .replacingOccurrences(of: "\"200 µs\"", with: "\"600 µs\"")
            .replacingOccurrences(of: "max = \"40 mA\"", with: "max = \"100 mA\"")
            .replacingOccurrences(of: "area = \"25 cm²\"", with: "area = \"4 cm²\"")
        do {
            _ = try ProtocolLoader.load(text: text, file: "ems.toml")
            Issue.record("expected a density violation")
        } catch {
            let message = error.diagnostics.map(\.message).joined(separator: "\n")
            #expect(message.contains("rms current density"))
            #expect(message.contains("4 mA/cm²"))
            #expect(message.contains("8.66"))
        }
    }
}
