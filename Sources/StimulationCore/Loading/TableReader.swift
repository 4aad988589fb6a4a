import TOMLKit

/// Reads one TOML table, remembering which keys were asked for so that anything
/// left over — a typo, a key from another shape — is reported instead of ignored.
public final class TableReader {
    let table: TOMLTable
    /// Locator path: "programme.0.duty".
    let path: String
    /// How messages name the table: "programme 1 (\"Relief\") duty".
    let label: String
    public let context: LoadContext
    private let allowed: [String]

    public init(table: TOMLTable, path: String, label: String, context: LoadContext, allowed: [String]) {
        self.table = table
        self.path = path
        self.label = label
        self.context = context
        self.allowed = allowed
    }

    public func keyPath(_ key: String) -> String { path.isEmpty ? key : path + "." + key }
    func name(_ key: String) -> String { label.isEmpty ? "`\(key)`" : "\(label): `\(key)`" }

    public func has(_ key: String) -> Bool { table[key] != nil }

    public func error(_ key: String, _ message: String) { context.error(at: keyPath(key), "\(name(key)) \(message)") }

    /// Reports a key that is present but has no meaning in this programme.
    public func forbid(_ key: String, because reason: String) {
        if has(key) { error(key, "is not allowed here: \(reason)") }
    }

    func requireMissing(_ key: String) {
        context.error(at: path, "\(label.isEmpty ? "the file" : label) is missing required key `\(key)`")
    }

    private func value(_ key: String, required: Bool) -> TOMLValueConvertible? {
        guard let value = table[key] else {
            if required { requireMissing(key) }
            return nil
        }
        return value
    }

    private func wrongType(_ key: String, _ value: TOMLValueConvertible, expected: String) {
        error(key, "must be \(expected), found \(TOMLTypeName.of(value.type))")
    }

    public func string(_ key: String, required: Bool = true) -> String? {
        guard let value = value(key, required: required) else { return nil }
        guard let text = value.string else { wrongType(key, value, expected: "a string"); return nil }
        return text
    }

    public func nonEmptyString(_ key: String) -> String? {
        guard let text = string(key) else { return nil }
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            error(key, "must not be empty")
            return nil
        }
        return text
    }

    public func integer(_ key: String, required: Bool = true) -> Int? {
        guard let value = value(key, required: required) else { return nil }
        guard let number = value.int else { wrongType(key, value, expected: "an integer"); return nil }
        return number
    }

    func number(_ key: String, required: Bool = true) -> Double? {
        guard let value = value(key, required: required) else { return nil }
        if let number = value.int { return Double(number) }
        guard let number = value.double else { wrongType(key, value, expected: "a number"); return nil }
        guard number.isFinite else { error(key, "must be a finite number, found \(number)"); return nil }
        return number
    }

    /// A quantity written with its unit, in the kind's integer unit.
    public func quantity(_ key: String, _ kind: Quantity.Kind, required: Bool = true) -> Int64? {
        guard let value = value(key, required: required) else { return nil }
        guard let text = value.string else {
            if value.type == .int || value.type == .double {
                error(key, "needs a unit: write it as a string such as \(kind.example)")
            } else {
                wrongType(key, value, expected: "a \(kind.rawValue) such as \(kind.example)")
            }
            return nil
        }
        switch Quantity.parse(text, as: kind) {
        case .success(let number): return number
        case .failure(let failure): error(key, failure.message); return nil
        }
    }

    public func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type, required: Bool = true) -> T?
        where T.RawValue == String {
        guard let text = string(key, required: required) else { return nil }
        guard let found = T(rawValue: text) else {
            let allowed = T.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            error(key, "\"\(text)\" is not one of \(allowed)")
            return nil
        }
        return found
    }

    public func stringArray(_ key: String, required: Bool = true) -> [(String, String)]? {
        guard let value = value(key, required: required) else { return nil }
        guard let array = value.array else { wrongType(key, value, expected: "an array of strings"); return nil }
        var items: [(String, String)] = []
        for (i, element) in array.enumerated() {
            let elementPath = keyPath(key) + ".\(i)"
            guard let text = element.string else {
                context.error(at: elementPath, "\(name(key)) item \(i + 1) must be a string, found \(TOMLTypeName.of(element.type))")
                continue
            }
            items.append((text, elementPath))
        }
        return items
    }

    public func subtable(_ key: String, label sublabel: String, allowed: [String], required: Bool = false) -> TableReader? {
        guard let value = value(key, required: required) else { return nil }
        guard let inner = value.table else { wrongType(key, value, expected: "a table"); return nil }
        return TableReader(table: inner, path: keyPath(key), label: sublabel, context: context, allowed: allowed)
    }

    /// An array of tables (`[[programme]]`), each with its own reader.
    public func tableArray(_ key: String, label makeLabel: (Int) -> String, allowed: [String], required: Bool) -> [TableReader]? {
        guard let value = value(key, required: required) else { return nil }
        guard let array = value.array else { wrongType(key, value, expected: "an array of tables ([[\(key)]])"); return nil }
        var readers: [TableReader] = []
        for (i, element) in array.enumerated() {
            guard let inner = element.table else {
                context.error(at: keyPath(key) + ".\(i)", "\(name(key)) item \(i + 1) must be a table, found \(TOMLTypeName.of(element.type))")
                continue
            }
            readers.append(TableReader(table: inner, path: keyPath(key) + ".\(i)", label: makeLabel(i),
                                       context: context, allowed: allowed))
        }
        return readers
    }

    /// Keys of the table in file order is not available from TOMLKit; sorted order keeps reports stable.
    var keys: [String] { table.keys.sorted() }

    public func rejectUnknownKeys() {
        for key in keys where !allowed.contains(key) {
            let suggestion = allowed.min { editDistance($0, key) < editDistance($1, key) }
            var message = "\(name(key)) is not a known key"
            if let suggestion, editDistance(suggestion, key) <= 2 { message += " (did you mean `\(suggestion)`?)" }
            message += "; allowed here: " + allowed.joined(separator: ", ")
            context.error(at: keyPath(key), message)
        }
    }
}

/// Levenshtein distance, for "did you mean" on misspelt keys.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    var previous = Array(0...b.count)
    for i in 1...max(a.count, 1) where !a.isEmpty {
        var row = [i] + Array(repeating: 0, count: b.count)
        for j in 1...max(b.count, 1) where !b.isEmpty {
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = row
    }
    return a.isEmpty ? b.count : previous[b.count]
}

import Foundation
