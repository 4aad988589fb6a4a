import Foundation
import StimulationCore

/// What `galvani home setup` records about a home unit: the patient it is for and the time zone its days are
/// counted in. The PIN is kept by `ClinicianPIN`, the trusted keys by `TrustStore`, the installed prescription and
/// the unit's ledger beside them.
public struct HomeSettings: Sendable {
    public let folder: String

    public init(folder: String) { self.folder = folder }

    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> HomeSettings {
        HomeSettings(folder: ConfigFolder.standard(environment: environment))
    }

    var patientPath: String { folder + "/home-patient" }
    public var prescriptionPath: String { folder + "/prescription.toml" }

    /// The patient this unit is for, or nil before setup.
    public var patient: String? { value("patient") }

    /// The unit's time zone, fixed at setup: the patient's days are counted in it whatever the environment of a
    /// later run says (TZ would otherwise move "today"). Units set up before it was kept use the system's; a zone
    /// written but not known is an error, not the system's.
    public func zone() throws(KeyFileError) -> TimeZone {
        guard let name = value("zone") else { return .current }
        guard let zone = TimeZone(identifier: name) else {
            throw KeyFileError("\(patientPath): \"\(ControlCharacter.visible(name))\" is not a time zone this machine knows "
                + "(like Europe/London); run galvani home setup again")
        }
        return zone
    }

    public var ledger: HomeLedger { HomeLedger(folder: folder) }

    private func value(_ key: String) -> String? {
        guard let text = try? String(contentsOfFile: patientPath, encoding: .utf8) else { return nil }
        let line = text.split(separator: "\n").first { $0.hasPrefix(key + " ") }
        return line.map { String($0.dropFirst(key.count + 1)) }
    }

    public func setPatient(_ id: String) throws(KeyFileError) {
        let zone = (try? self.zone()) ?? .current
        guard !id.isEmpty, id.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F }) else {
            throw KeyFileError("a patient identifier is printable and has no spaces, like P-100")
        }
        try? FileManager.default.removeItem(atPath: patientPath)
        try KeyFile.write(["# The patient this home unit is for and the time zone its days are counted in (galvani home setup).",
                           "patient \(id)", "zone \(zone.identifier)"], to: patientPath, mode: 0o600)
    }

    /// Puts a checked prescription and its signature where `galvani home` reads them, replacing the one before.
    public func install(prescription: [UInt8], signature: [UInt8]) throws(KeyFileError) {
        for (bytes, path) in [(prescription, prescriptionPath), (signature, PrescriptionSignature.path(for: prescriptionPath))] {
            let temporary = path + ".new"
            try? FileManager.default.removeItem(atPath: temporary)
            guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes), attributes: [.posixPermissions: 0o600]),
                  rename(temporary, path) == 0 else {
                throw KeyFileError("cannot install the prescription in \(folder): \(String(cString: strerror(errno)))")
            }
        }
    }
}
