import Foundation

/// What `galvani home setup` records about a home unit: the patient it is for. The PIN is kept by `ClinicianPIN`,
/// the trusted keys by `TrustStore`, the installed prescription beside them.
public struct HomeSettings: Sendable {
    public let folder: String

    public init(folder: String) { self.folder = folder }

    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> HomeSettings {
        HomeSettings(folder: ConfigFolder.standard(environment: environment))
    }

    var patientPath: String { folder + "/home-patient" }
    public var prescriptionPath: String { folder + "/prescription.toml" }

    /// The patient this unit is for, or nil before setup.
    public var patient: String? {
        guard let text = try? String(contentsOfFile: patientPath, encoding: .utf8) else { return nil }
        let line = text.split(separator: "\n").first { $0.hasPrefix("patient ") }
        return line.map { String($0.dropFirst("patient ".count)) }
    }

    public func setPatient(_ id: String) throws(KeyFileError) {
        guard !id.isEmpty, id.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F }) else {
            throw KeyFileError("a patient identifier is printable and has no spaces, like P-100")
        }
        try? FileManager.default.removeItem(atPath: patientPath)
        try KeyFile.write(["# The patient this home unit is for (galvani home setup).", "patient \(id)"], to: patientPath, mode: 0o600)
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
