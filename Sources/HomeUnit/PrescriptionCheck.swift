import StimulationCore

/// Everything a home unit checks before it lets a prescription run, each failure as a `PrescriptionRefusal`.
public enum PrescriptionCheck {
    /// A protocol as the unit has it: its file's exact bytes and what they load to.
    public struct Installed: Sendable {
        public var sha256: String
        public var therapyProtocol: TherapyProtocol

        public init(sha256: String, therapyProtocol: TherapyProtocol) {
            self.sha256 = sha256
            self.therapyProtocol = therapyProtocol
        }
    }

    /// The signature and the signer: unsigned, altered and untrusted prescriptions are refused before anything else is
    /// believed about them.
    public static func signature(_ verdict: PrescriptionSignature.Verdict, trust: TrustStore) -> PrescriptionRefusal? {
        switch verdict {
        case .unsigned: return .unsigned
        case .altered: return .altered
        case .signed(let raw):
            return trust.trusted(raw) == nil ? .untrusted(fingerprint: ClinicianKey.Public.fingerprint(raw)) : nil
        }
    }

    /// The prescription's own terms against this unit: its patient, its dates against `today`, and the installed
    /// protocols.
    public static func terms(_ p: Prescription, unitPatient: String, today: CalendarDay,
                             installed: (String) -> Installed?) -> [PrescriptionRefusal] {
        var refusals: [PrescriptionRefusal] = []
        if p.patient != unitPatient { refusals.append(.otherPatient(p.patient, unit: unitPatient)) }
        return refusals + dates(p, today: today) + protocols(p, installed: installed)
    }

    /// Every prescribed protocol is installed, unchanged, and only narrowed by the prescription.
    public static func protocols(_ p: Prescription, installed: (String) -> Installed?) -> [PrescriptionRefusal] {
        var refusals: [PrescriptionRefusal] = []
        for allowed in p.protocols {
            guard let found = installed(allowed.id) else {
                refusals.append(.protocolMissing(allowed.id))
                continue
            }
            guard found.sha256 == allowed.sha256 else {
                refusals.append(.protocolChanged(allowed.id))
                continue
            }
            refusals += limits(allowed, against: found.therapyProtocol, longest: p.longestSession)
        }
        return refusals
    }

    /// The prescription's dates against today: checked again as each session starts, since a console may be left open.
    public static func dates(_ p: Prescription, today: CalendarDay) -> [PrescriptionRefusal] {
        var refusals: [PrescriptionRefusal] = []
        if today > p.validUntil { refusals.append(.expired(p.validUntil)) }
        if today < p.validFrom { refusals.append(.notYetValid(p.validFrom)) }
        return refusals
    }

    /// Each channel the protocol uses has a prescribed maximum, and none is above the lowest maximum of the protocol's
    /// programmes; the protocol fits in the longest session: a prescription may only narrow a protocol.
    public static func limits(_ allowed: Prescription.Allowed, against therapyProtocol: TherapyProtocol,
                              longest: TimeSpan) -> [PrescriptionRefusal] {
        var refusals: [PrescriptionRefusal] = []
        for channel in 1...therapyProtocol.channels {
            guard let prescribed = allowed.channels.first(where: { $0.number == channel }) else {
                refusals.append(.channelMissing(id: allowed.id, channel: channel))
                continue
            }
            let protocolMaximum = therapyProtocol.programmes.map(\.amplitude.maximum).min()!
            if prescribed.maximum > protocolMaximum {
                refusals.append(.aboveProtocol(id: allowed.id, channel: channel, maximum: prescribed.maximum,
                                               protocolMaximum: protocolMaximum))
            }
        }
        if therapyProtocol.totalDuration > longest {
            refusals.append(.tooLong(id: allowed.id, lasts: therapyProtocol.totalDuration, longest: longest))
        }
        return refusals
    }
}
