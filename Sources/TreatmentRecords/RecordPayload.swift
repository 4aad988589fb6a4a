import Foundation

/// JSON objects with sorted keys: the same content always gives the same text, and so the same hash.
enum RecordPayload {
    static func text(_ object: [String: Any]) -> String {
        guard JSONSerialization.isValidJSONObject(object),
              let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else {
            // A value JSON cannot hold (a non-finite number): kept as text rather than lost, and marked so.
            return text(["unrepresentable": String(describing: object)])
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func object(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }
}
