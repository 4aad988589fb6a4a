import ArgumentParser
import ConsoleUI
import Foundation
import HomeUnit
import StimulationCore
import TreatmentRecords

/// Everything `galvani home` checks, in the order a patient would ask: is there a prescription, is it my
/// clinician's, is it for me and for today, may I have a session now. The last two are asked again as each session
/// starts, since a console may be left open.
struct HomeGate: Sendable {
    let settings: HomeSettings
    let patient: String
    let store: RecordsStore
    /// The unit's days are counted in this zone (kept at setup).
    let zone: TimeZone

    /// The installed prescription and its protocols, each loaded once so the text run is the text checked;
    /// or exit 1 having said why not.
    func prescription(now: Date = Date()) throws -> (Prescription, [ProtocolLoader.Loaded]) {
        let path = settings.prescriptionPath
        guard FileManager.default.fileExists(atPath: path) else {
            throw Self.refuse(["No prescription is installed on this unit. Ask your clinician to install one."])
        }
        let prescription: Prescription, bytes: [UInt8]
        do {
            (prescription, bytes) = try PrescriptionLoader.load(path: path)
        } catch {
            throw Self.refuse([error.description, "The installed prescription cannot be read. \(PrescriptionRefusal.ask)"])
        }
        let verdict: PrescriptionSignature.Verdict
        do {
            verdict = try PrescriptionSignature.check(bytes, of: path)
        } catch {
            throw Self.refuse([error.message])
        }
        if let unsigned = PrescriptionCheck.signature(verdict, trust: .standard()) { throw Self.refuse([unsigned.description]) }
        // By id among the library's protocols only: a file of that name in the working folder is not the installed one.
        var loaded: [String: ProtocolLoader.Loaded] = [:]
        for entry in ProtocolLibrary.standard().loadAll() {
            guard case .success(let found) = entry.result, prescription.allowed(found.therapyProtocol.id) != nil,
                  loaded[found.therapyProtocol.id] == nil else { continue }
            loaded[found.therapyProtocol.id] = found
        }
        var refusals: [PrescriptionRefusal] = []
        if prescription.patient != patient { refusals.append(.otherPatient(prescription.patient, unit: patient)) }
        if let notNow = refusal(prescription, at: now) { refusals.append(notNow) }
        refusals += PrescriptionCheck.protocols(prescription) { id in
            loaded[id].map { .init(sha256: ContentHash.sha256($0.text), therapyProtocol: $0.therapyProtocol) }
        }
        guard refusals.isEmpty else { throw Self.refuse(refusals.map(\.description)) }
        return (prescription, prescription.protocols.compactMap { loaded[$0.id] })
    }

    /// Why no session may start now, or nil: the records and the unit's ledger against the prescription's dates,
    /// count and gap.
    func refusal(_ p: Prescription, at now: Date) -> PrescriptionRefusal? {
        let marks: HomeLedger.Marks, latest: Date?, past: [SessionAllowance.Past], recorded: Int
        do {
            marks = try settings.ledger.read()
            latest = [try store.latestWallTime(), marks.latest].compactMap { $0 }.max()
            recorded = try store.sessionCount(patient: patient)
            // The gap is at most a day and the count is per day: two days back covers both.
            past = try store.sessions(patient: patient, since: now.addingTimeInterval(-2 * 86_400)).map { listing in
                guard let known = Self.past(listing) else { throw RecordsError("session \(listing.id) has a time that cannot be read") }
                return known
            }
        } catch {
            return .recordsUnavailable("\(error)")
        }
        guard recorded >= marks.sessions else {
            return .recordsUnavailable("they hold \(recorded) of the \(marks.sessions) sessions this unit has started")
        }
        if let notNow = SessionAllowance.check(p, past: past, latestRecorded: latest, now: now, zone: zone) { return notNow }
        // The records remember the latest day seen: a clock set back does not bring an expired prescription back.
        return PrescriptionCheck.dates(p, today: CalendarDay(max(now, latest ?? now), in: zone)).first
    }

    /// The patient's console settings: per protocol the starts, the maxima and the home policy; before each start
    /// the allowance again, and each start counted in the ledger.
    func console(_ p: Prescription, protocols: [ProtocolLoader.Loaded]) throws -> HomeConsole {
        var prescribed: [String: HomeConsole.Prescribed] = [:]
        for loaded in protocols {
            let allowed = p.allowed(loaded.therapyProtocol.id)!
            do {
                prescribed[allowed.id] = HomeConsole.Prescribed(
                    starts: HomePolicy.starts(allowed), maxima: HomePolicy.maxima(allowed),
                    policy: try HomePolicy.make(allowed, for: loaded.therapyProtocol))
            } catch {
                throw Self.refuse(["\(error.description). \(PrescriptionRefusal.ask)"])
            }
        }
        let gate = self
        return HomeConsole(clinician: p.clinician, contact: p.contact, screening: p.screening, prescribed: prescribed,
                           mayStart: { gate.refusal(p, at: Date())?.description },
                           started: {
                               do { try gate.settings.ledger.recordStart(at: Date()); return nil } catch { return "\(error)" }
                           })
    }

    static func past(_ listing: SessionListing) -> SessionAllowance.Past? {
        guard let start = listing.started else { return nil }
        // A session whose record has no summary (still open, or left by a killed process) is counted: the count
        // errs towards fewer sessions.
        return SessionAllowance.Past(start: start, end: listing.ended, delivered: (listing.deliveredNanoseconds ?? 1) > 0)
    }

    /// Says why, line by line, and ends the command with status 1.
    static func refuse(_ lines: [String]) -> ExitCode {
        for line in lines { StandardError.write(line) }
        return ExitCode(1)
    }
}
