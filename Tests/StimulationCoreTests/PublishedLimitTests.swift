import Testing
@testable import StimulationCore

/// The clinic policy against the published numbers, each written out here with its source, so a
/// changed limit in SafetyPolicy fails a test instead of moving the test with it; and the loader's
/// range and worst-case rules, each shown to refuse what breaks it.
@Suite struct PublishedLimitTests {
    let clinic = SafetyPolicy.clinic

    func loads(_ text: String) -> Bool { (try? ProtocolLoader.load(text: text, file: "t.toml")) != nil }

    func errors(_ text: String) -> String {
        do {
            _ = try ProtocolLoader.load(text: text, file: "t.toml")
            return ""
        } catch {
            return error.diagnostics.map(\.description).joined(separator: "\n")
        }
    }

    @Test func theFigureLimitsAreThePublishedNumbers() {
        #expect(clinic.testLoad == .ohms(500))                                          // IEC 60601-2-10, FDA test load
        #expect(clinic.rmsCurrent == .milliamps(50))                                    // device makers' 50 mA rms (DOMAIN)
        #expect(clinic.densityWarning == CurrentDensity(milliampsPerSquareCentimetre: 2)) // IEC 60601-2-10
        #expect(clinic.densityCeiling == CurrentDensity(milliampsPerSquareCentimetre: 4)) // (unverified) 2 × attention level
        #expect(clinic.powerDensity == PowerDensity(wattsPerSquareCentimetre: 0.25))    // FDA guidance
        #expect(clinic.pulseEnergy == Energy(millijoules: 300))                         // IEC 60601-2-10 ed. 1, 51.104
        #expect(clinic.shannonK == 1.5)                                                 // Shannon 1992 design cap
        #expect(clinic.pulsedChargePerPhase == .microcoulombs(75))                      // (unverified) above EMS 60 µC
        #expect(clinic.microcurrentChargePerPhase == .microcoulombs(1000))              // 1000 µA × 1 s (DOMAIN)
        #expect(clinic.netChargeTolerance == .microcoulombs(0.001))                     // S1 = S2, µA rounding only
    }

    @Test func theModalityCeilingsAreThePublishedNumbers() {
        // DOMAIN, "Modalities and typical parameters".
        let expected: [(Modality, Electrode.Kind, Current)] = [
            (.tensConventional, .pad, .milliamps(80)), (.tensAcupunctureLike, .pad, .milliamps(80)),
            (.tensBurst, .pad, .milliamps(80)), (.tensModulated, .pad, .milliamps(80)),
            (.ems, .pad, .milliamps(100)), (.russian, .pad, .milliamps(100)),
            (.ifcFourPole, .pad, .milliamps(80)), (.ifcPremodulated, .pad, .milliamps(80)),
            (.electroacupuncture, .needle, .milliamps(10)), (.electroacupuncture, .pad, .milliamps(15)),
            (.microcurrent, .pad, .microamps(1000)), (.highVoltPulsed, .pad, .milliamps(300)),
        ]
        for (modality, electrode, ceiling) in expected {
            #expect(clinic.spec(for: modality, electrode: electrode).ceiling == ceiling, "\(modality) on \(electrode)")
        }
    }

    @Test func theSoftStartRatesAreThePublishedNumbers() {
        // (unverified) DOMAIN: "current always starts from zero and rises gradually".
        #expect(clinic.rampRate(for: .microcurrent) == .microamps(100))
        #expect(clinic.rampRate(for: .electroacupuncture) == .milliamps(1))
        #expect(clinic.rampRate(for: .highVoltPulsed) == .milliamps(10))
        for modality in [Modality.tensConventional, .tensBurst, .tensModulated, .tensAcupunctureLike, .ems, .russian,
                         .ifcFourPole, .ifcPremodulated] {
            #expect(clinic.rampRate(for: modality) == .milliamps(2), "\(modality)")
        }
    }

    @Test func theFileAndLinkLimitsAreThePublishedNumbers() {
        #expect(clinic.longestProgramme == .minutes(480))
        #expect(clinic.longestProtocol == .minutes(480))
        #expect(clinic.mostProgrammes == 64)
        #expect(clinic.mostChannels == 8)
        #expect(clinic.padArea == Area.squareCentimetres(1)...Area.squareCentimetres(400))
        #expect(clinic.needleArea == Area.squareCentimetres(0.001)...Area.squareCentimetres(1))
        #expect(clinic.longestSweepCycle == .seconds(120))
        #expect(clinic.engineLookahead == .milliseconds(160))
        #expect(clinic.outputGapRestart == .milliseconds(100))
        #expect(clinic.softStartStep == .milliseconds(50))
        #expect(clinic.lineSharePercent == 80)
        #expect(clinic.serialReaderLag == .seconds(1))
        #expect(clinic.keepAliveInterval == .milliseconds(100))
        #expect(clinic.ackTimeout == .milliseconds(200))
        #expect(clinic.handshakeTimeout == .seconds(1))
        #expect(clinic.damagedFrames == 3)
        #expect(clinic.damageWindow == .seconds(1))
        #expect(clinic.minimumDeviceLookahead == .milliseconds(30))
        #expect(clinic.deviceWatchdog == TimeSpan.milliseconds(150)...TimeSpan.seconds(1))
        #expect(clinic.deviceClockJump == .milliseconds(20))
        #expect(clinic.telemetrySilence == .milliseconds(2500))
    }

    @Test func aDerivedPolicyMayTightenButNeverLoosen() throws {
        let home = try clinic.stricter(named: "home") {
            $0.lowerCeiling(of: .tensConventional, to: .milliamps(25))
            $0.lowerRampRate(of: .tensConventional, to: .milliamps(1))
        }
        #expect(home.spec(for: .tensConventional, electrode: .pad).ceiling == .milliamps(25))
        #expect(home.rampRate(for: .tensConventional) == .milliamps(1))
        #expect(throws: SafetyPolicy.LooserPolicy.self) { try clinic.stricter(named: "loose") { $0.shannonK = 1.85 } }
        do {
            _ = try clinic.stricter(named: "loose") { $0.rmsCurrent = .milliamps(51); $0.ackTimeout = .seconds(1) }
            Issue.record("a looser policy was accepted")
        } catch {
            #expect(error.loosened == [.rmsCurrent, .ackTimeout])
        }
        // lowerCeiling never raises.
        let same = try clinic.stricter(named: "same") { $0.lowerCeiling(of: .ems, to: .milliamps(500)) }
        #expect(same.spec(for: .ems, electrode: .pad).ceiling == .milliamps(100))
    }

    // MARK: - Loader rules

    @Test func electrodeAreasAreCheckedForPadsAndNeedles() {
        let pad = { (area: String) in Fixtures.protocolText().replacingOccurrences(of: "area = \"25 cm²\"", with: "area = \"\(area)\"") }
        #expect(loads(pad("400 cm²")))
        #expect(errors(pad("401 cm²")).contains("a pad must be 1 cm² to 400 cm²"))
        #expect(errors(pad("0.9 cm²")).contains("a pad must be"))
        // Electroacupuncture on needles: 1 cm² is the largest needle contact (unverified bound).
        let needle = { (area: String) in
            Fixtures.protocolText().replacingOccurrences(of: "kind = \"pad\"\narea = \"25 cm²\"", with: "kind = \"needle\"\narea = \"\(area)\"")
                .replacingOccurrences(of: "\"tens-conventional\"", with: "\"electroacupuncture\"")
                .replacingOccurrences(of: "\"100 Hz\"", with: "\"2 Hz\"").replacingOccurrences(of: "\"200 µs\"", with: "\"300 µs\"")
                .replacingOccurrences(of: "target = \"20 mA\", max = \"40 mA\"", with: "target = \"1 mA\", max = \"1 mA\"")
        }
        #expect(loads(needle("1 cm²")))
        #expect(errors(needle("2 cm²")).contains("a needle must be"))
    }

    @Test func perChannelWidthsAndWidthSweepsStayInTheModalityRange() {
        let override = Fixtures.protocolText(programme: "[programme.channel.2]\nphase_width = \"501 µs\"")
        #expect(errors(override).contains("phase_width"))
        #expect(loads(Fixtures.protocolText(programme: "[programme.channel.2]\nphase_width = \"250 µs\"")))
        let sweep = Fixtures.protocolText(programme: """
            [[programme.sweep]]
            parameter = "width"
            profile = "triangle"
            from = "100 µs"
            to = "501 µs"
            cycle = "10 s"
            """)
        #expect(errors(sweep).contains("501 µs"))
    }

    @Test func everyChannelsFiguresAreChecked() {
        // At 80 mA and 100 Hz on 6 cm² pads, channel 1's 200 µs is 16 mA rms (2.67 mA/cm², a warning); channel 2's
        // 500 µs is 25.3 mA rms, 4.22 mA/cm²: above the 4 mA/cm² pad ceiling.
        let text = Fixtures.protocolText(programme: "[programme.channel.2]\nphase_width = \"500 µs\"")
            .replacingOccurrences(of: "max = \"40 mA\"", with: "max = \"80 mA\"")
            .replacingOccurrences(of: "area = \"25 cm²\"", with: "area = \"6 cm²\"")
        #expect(errors(text).contains("channel 2: rms current density"))
    }

    @Test func theWorstCaseIsTakenAtTheHighestRateAndTheWidestPhase() {
        // 80 mA, 200 µs, 80 Hz on 5 cm²: 14.3 mA rms, 2.86 mA/cm², within the 4 mA/cm² pad ceiling.
        let base = Fixtures.protocolText().replacingOccurrences(of: "max = \"40 mA\"", with: "max = \"80 mA\"")
            .replacingOccurrences(of: "\"100 Hz\"", with: "\"80 Hz\"")
            .replacingOccurrences(of: "area = \"25 cm²\"", with: "area = \"5 cm²\"")
        #expect(loads(base))
        // Swept up to 200 Hz: 22.6 mA rms, 4.53 mA/cm².
        let faster = base.replacingOccurrences(of: "amplitude = {", with: """
            sweep = [{ parameter = "frequency", profile = "triangle", from = "80 Hz", to = "200 Hz", cycle = "10 s" }]
            amplitude = {
            """)
        #expect(errors(faster).contains("rms current density"))
        // Swept from 100 µs to 500 µs at 80 Hz: 22.6 mA rms at the widest phase, 4.53 mA/cm².
        let wider = base.replacingOccurrences(of: "amplitude = {", with: """
            sweep = [{ parameter = "width", profile = "triangle", from = "100 µs", to = "500 µs", cycle = "10 s" }]
            amplitude = {
            """)
        #expect(errors(wider).contains("rms current density"))
    }

    @Test func fourPoleInterferentialNeedsChannelsInPairs() {
        let ifc = { (channels: Int) in
            Fixtures.protocolText(channels: channels)
                .replacingOccurrences(of: """
                    modality = "tens-conventional"
                    duration = "20 min"
                    shape = "symmetric-biphasic"
                    frequency = "100 Hz"
                    phase_width = "200 µs"
                    """, with: """
                    modality = "ifc-4-pole"
                    duration = "20 min"
                    shape = "sine-carrier"
                    carrier = "4 kHz"
                    beat = "100 Hz"
                    """)
        }
        #expect(loads(ifc(2)))
        #expect(errors(ifc(1)).contains("use an even number"))
        #expect(errors(ifc(3)).contains("use an even number"))
    }

    @Test func aProtocolMayNotOutlastTheDayOrHoldEndlessProgrammes() {
        let programme = """

            [[programme]]
            name = "Again"
            modality = "tens-conventional"
            duration = "8 h"
            shape = "symmetric-biphasic"
            frequency = "100 Hz"
            phase_width = "200 µs"
            amplitude = { start = "0 mA", target = "20 mA", max = "40 mA" }
            """
        #expect(errors(Fixtures.protocolText() + programme).contains("a whole protocol lasts at most 8 h"))
        let many = Fixtures.protocolText() + String(repeating: programme.replacingOccurrences(of: "8 h", with: "1 s"), count: 64)
        #expect(errors(many).contains("a protocol holds at most 64"))
        let duplicate = Fixtures.protocolText().replacingOccurrences(of: "[\"pregnancy\"]", with: "[\"pregnancy\", \"pregnancy\"]")
        #expect(errors(duplicate).contains("listed twice"))
    }
}
