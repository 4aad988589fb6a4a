import ArgumentParser
import ConsoleUI
import Foundation
import HomeUnit
import StimulationCore
import TreatmentRecords

/// Everything `galvani home` checks before the patient's screen opens, in the order a patient would ask:
/// is there a prescription, is it my clinician's, is it for me and for today, may I have a session now.
enum HomeGate {
    /// The installed prescription and its protocols, or exit 1 having said why not.
    static func check(settings: HomeSettings, unitPatient: String, store: RecordsStore,
                      now: Date = Date()) throws -> (Prescription, [ProtocolLoader.Loaded]) {
        let path = settings.prescriptionPath
        guard FileManager.default.fileExists(atPath: path) else {
            throw refusal(["No prescription is installed on this unit. Ask your clinician to install one."])
        }
        let prescription: Prescription, bytes: [UInt8]
        do {
            (prescription, bytes) = try PrescriptionLoader.load(path: path)
        } catch {
            throw refusal([error.description, "The installed prescription cannot be read. \(PrescriptionRefusal.ask)"])
        }
        let verdict: PrescriptionSignature.Verdict
        do {
            verdict = try PrescriptionSignature.check(bytes, of: path)
        } catch {
            throw refusal([error.message])
        }
        if let unsigned = PrescriptionCheck.signature(verdict, trust: .standard()) { throw refusal([unsigned.description]) }
        let latest: Date?, past: [SessionAllowance.Past]
        do {
            latest = try store.latestWallTime()
            // The gap is at most a day and the count is per day: two days back covers both.
            past = try store.sessions(patient: unitPatient, since: now.addingTimeInterval(-2 * 86_400)).map { listing in
                guard let known = Self.past(listing) else { throw RecordsError("session \(listing.id) has a time that cannot be read") }
                return known
            }
        } catch {
            throw refusal([PrescriptionRefusal.recordsUnavailable("\(error)").description])
        }
        // The records remember the latest day seen: a clock set back does not bring an expired prescription back.
        let today = CalendarDay(max(now, latest ?? now))
        var refusals = PrescriptionCheck.terms(prescription, unitPatient: unitPatient, today: today,
                                               installed: PrescriptionInput.installed)
        if let notNow = SessionAllowance.check(prescription, past: past, latestRecorded: latest, now: now) {
            refusals.insert(notNow, at: 0)
        }
        guard refusals.isEmpty else { throw refusal(refusals.map(\.description)) }
        let protocols = prescription.protocols.compactMap { try? ProtocolLibrary.standard().find($0.id) }
        return (prescription, protocols)
    }

    /// The patient's console settings: per protocol the starts, the maxima and the home policy.
    static func console(_ p: Prescription, protocols: [ProtocolLoader.Loaded]) throws -> HomeConsole {
        var prescribed: [String: HomeConsole.Prescribed] = [:]
        for loaded in protocols {
            guard let allowed = p.allowed(loaded.therapyProtocol.id) else { continue }
            do {
                prescribed[allowed.id] = HomeConsole.Prescribed(
                    starts: HomePolicy.starts(allowed), maxima: HomePolicy.maxima(allowed),
                    policy: try HomePolicy.make(allowed, for: loaded.therapyProtocol))
            } catch {
                throw refusal(["\(error.description). \(PrescriptionRefusal.ask)"])
            }
        }
        return HomeConsole(clinician: p.clinician, contact: p.contact, screening: p.screening, prescribed: prescribed)
    }

    static func past(_ listing: SessionListing) -> SessionAllowance.Past? {
        guard let start = listing.started else { return nil }
        // A session whose delivered time the record cannot say is counted: the count errs towards fewer sessions.
        return SessionAllowance.Past(start: start, end: listing.ended, delivered: (listing.deliveredNanoseconds ?? 1) > 0)
    }

    /// Says why, line by line, and ends the command with status 1.
    static func refusal(_ lines: [String]) -> ExitCode {
        for line in lines { StandardError.write(line) }
        return ExitCode(1)
    }
}
