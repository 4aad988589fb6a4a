import _CryptoExtras
import Crypto
import Foundation

/// The clinician's PIN on a home unit: at least 6 digits, kept only as a salted scrypt hash. Five wrong tries lock
/// clinician mode for 15 minutes, and each further lock doubles it, so guessing a million PINs takes years.
public struct ClinicianPIN: Sendable {
    public let folder: String
    /// scrypt's N: 2^15 costs about 0.1 s and 32 MiB per try here, which a patient never notices and a guesser always
    /// does. Kept in the hash file, so a unit checks each PIN at the cost it was set with.
    public let rounds: Int

    public static let shortest = 6
    public static let triesBeforeLock = 5
    public static let firstLock: TimeInterval = 15 * 60
    public static let standardRounds = 1 << 15
    static let blockSize = 8, parallelism = 1
    /// Below this a stored hash is refused: a file edited to a cheap cost must not make guessing cheap.
    static let fewestRounds = 1 << 10

    public init(folder: String = ConfigFolder.standard(), rounds: Int = ClinicianPIN.standardRounds) {
        self.folder = folder
        self.rounds = rounds
    }

    var hashPath: String { folder + "/clinician-pin" }
    var lockPath: String { folder + "/clinician-pin-tries" }

    public enum Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        case notSet
        case wrong(triesLeft: Int)
        case locked(until: Date)

        public var description: String {
            switch self {
            case .notSet: "this unit has no clinician PIN yet: run galvani home setup"
            case .wrong(let left): "wrong PIN; \(left) more tr\(left == 1 ? "y" : "ies") before clinician mode locks"
            case .locked(let until):
                "clinician mode is locked after too many wrong PINs, until \(ISO8601DateFormatter().string(from: until))"
            }
        }
    }

    /// Why `pin` cannot be a PIN, or nil.
    public static func problem(with pin: String) -> String? {
        guard pin.count >= shortest, pin.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return "a clinician PIN is at least \(shortest) digits, and only digits"
        }
        return nil
    }

    public var isSet: Bool { FileManager.default.fileExists(atPath: hashPath) }

    /// Sets the PIN on a unit that has none; changing it is for clinician mode.
    public func set(_ pin: String) throws(KeyFileError) {
        if let problem = Self.problem(with: pin) { throw KeyFileError(problem) }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw KeyFileError("cannot make \(folder): \(error.localizedDescription)")
        }
        var salt = [UInt8](repeating: 0, count: 16)
        for i in salt.indices { salt[i] = UInt8.random(in: 0...255) }
        try KeyFile.write(["# The clinician PIN of this unit, as a salted scrypt hash: the PIN itself is not kept.",
                           "galvani-pin-scrypt \(rounds)",
                           "salt \(Data(salt).base64EncodedString())",
                           "hash \(Data(try Self.derive(pin, salt: salt, rounds: rounds)).base64EncodedString())"],
                          to: hashPath, mode: 0o600)
    }

    static func derive(_ pin: String, salt: [UInt8], rounds: Int) throws(KeyFileError) -> [UInt8] {
        do {
            let key = try KDF.Scrypt.deriveKey(from: Array(pin.utf8), salt: salt, outputByteCount: 32, rounds: rounds,
                                               blockSize: blockSize, parallelism: parallelism)
            return key.withUnsafeBytes { Array($0) }
        } catch {
            throw KeyFileError("cannot check the PIN: \(error)")
        }
    }

    /// Checks `pin`, counting wrong tries across runs of galvani: nil when it unlocks clinician mode.
    public func check(_ pin: String, now: Date = Date()) throws(KeyFileError) -> Refusal? {
        guard isSet else { return .notSet }
        var tries = LockState.read(lockPath)
        if let until = tries.lockedUntil, now < until { return .locked(until: until) }
        let file = try KeyFile.read(hashPath, expecting: ["galvani-pin-scrypt", "salt", "hash"], what: "the clinician PIN file")
        guard let cost = Int(file.text("galvani-pin-scrypt")), cost >= Self.fewestRounds, cost <= 1 << 20, cost & (cost - 1) == 0 else {
            throw KeyFileError("\(hashPath): error: the PIN's scrypt cost must be a power of two from \(Self.fewestRounds) "
                + "to \(1 << 20); this file has been damaged or edited")
        }
        let salt = try file.bytes("salt", count: 16, what: "the PIN's salt")
        let stored = try file.bytes("hash", count: 32, what: "the PIN's hash")
        let given = try Self.derive(pin, salt: salt, rounds: cost)
        // Compared in constant time, so how long a wrong PIN takes says nothing about how much of it was right.
        guard zip(given, stored).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0 else {
            tries.failures += 1
            if tries.failures >= Self.triesBeforeLock {
                tries.lockedUntil = now.addingTimeInterval(Self.firstLock * pow(2, Double(tries.locks)))
                tries.locks += 1
                tries.failures = 0
                try tries.write(lockPath)
                return .locked(until: tries.lockedUntil!)
            }
            try tries.write(lockPath)
            return .wrong(triesLeft: Self.triesBeforeLock - tries.failures)
        }
        // The lock count stays: the next run of wrong tries locks for twice as long.
        try LockState(failures: 0, locks: tries.locks, lockedUntil: nil).write(lockPath)
        return nil
    }

    /// Wrong tries so far and the lock they caused; kept in a file so restarting galvani does not reset them.
    struct LockState {
        var failures = 0
        var locks = 0
        var lockedUntil: Date?

        static func read(_ path: String) -> LockState {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return LockState() }
            var state = LockState()
            for line in text.split(separator: "\n") {
                let parts = line.split(separator: " ")
                guard parts.count == 2, let value = Double(parts[1]) else { continue }
                switch parts[0] {
                case "failures": state.failures = Int(value)
                case "locks": state.locks = Int(value)
                case "locked-until": state.lockedUntil = Date(timeIntervalSince1970: value)
                default: continue
                }
            }
            return state
        }

        func write(_ path: String) throws(KeyFileError) {
            let lines = ["failures \(failures)", "locks \(locks)"]
                + (lockedUntil.map { ["locked-until \($0.timeIntervalSince1970)"] } ?? [])
            let text = lines.joined(separator: "\n") + "\n"
            guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
                throw KeyFileError("cannot write \(path)")
            }
        }
    }
}
