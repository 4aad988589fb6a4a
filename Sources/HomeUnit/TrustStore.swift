import Foundation

/// The clinicians' public keys a home unit trusts, one file each in its configuration folder
/// ($XDG_CONFIG_HOME/galvani/trusted-keys, ~/.config when unset). Only a prescription signed by one of them runs.
public struct TrustStore: Sendable {
    public let folder: String

    public init(folder: String) { self.folder = folder }

    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> TrustStore {
        TrustStore(folder: ConfigFolder.standard(environment: environment) + "/trusted-keys")
    }

    public func keys() -> [ClinicianKey.Public] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".pub") }.sorted().compactMap { try? ClinicianKey.readPublic(folder + "/" + $0) }
    }

    public func trusted(_ raw: [UInt8]) -> ClinicianKey.Public? { keys().first { $0.raw == raw } }

    /// Installs a public key; the caller has checked the clinician PIN.
    public func trust(_ key: ClinicianKey.Public) throws(KeyFileError) -> String {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw KeyFileError("cannot make \(folder): \(error.localizedDescription)")
        }
        let path = folder + "/" + key.fingerprint + ".pub"
        guard trusted(key.raw) == nil else { return path }
        try KeyFile.write(["# Trusted to sign prescriptions on this unit: \(key.name).",
                           "\(ClinicianKey.publicLabel) \(Data(key.raw).base64EncodedString())",
                           "name \(key.name)"], to: path, mode: 0o644)
        return path
    }
}
