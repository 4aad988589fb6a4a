import Foundation
import StimulationCore

/// A session as a FHIR R5 Bundle (collection): the Patient, a Procedure for the session with its parameters, and
/// Observations for each channel's 1 Hz traces and for the documentation. Resource ids come from the session's
/// content, so exporting the same session twice gives the same resources.
public enum FHIRExport {
    static let ucum = "http://unitsofmeasure.org"
    static let sessionSystem = "urn:galvani:session"
    static let patientSystem = "urn:galvani:clinic-patient-id"

    public static func bundle(_ listing: SessionListing, entries: [RecordEntry], patient: PatientRecord,
                              protocolText: String?) -> [String: Any] {
        let procedureID = listing.id
        let patientRef = ["reference": "urn:uuid:\(patient.id)"]
        let procedureRef = ["reference": "urn:uuid:\(procedureID)"]
        var resources: [(id: String, resource: [String: Any])] = []

        var patientResource: [String: Any] = [
            "resourceType": "Patient", "id": patient.id,
            "identifier": [["system": patientSystem, "value": patient.clinicID]],
            "name": [["text": patient.name]],
        ]
        if let year = patient.birthYear { patientResource["birthDate"] = String(format: "%04d", year) }
        resources.append((patient.id, patientResource))

        let documentation = entries.last { $0.kind == "documentation" }.map { RecordPayload.object($0.payload) }
        var procedure: [String: Any] = [
            "resourceType": "Procedure", "id": procedureID,
            "identifier": [["system": sessionSystem, "value": listing.id]],
            "status": status(listing),
            "code": ["text": "Electrotherapy session: \(listing.protocolID)"],
            "subject": patientRef,
            "occurrencePeriod": ["start": listing.startedAt].merging(listing.endedAt.map { ["end": $0] } ?? [:]) { $1 },
            "note": parameters(listing, protocolText: protocolText).map { ["text": $0] },
        ]
        if let operatorName = listing.operatorName { procedure["performer"] = [["actor": ["display": operatorName]]] }
        if let sites = documentation?["electrode_sites"] as? String { procedure["bodySite"] = [["text": sites]] }
        resources.append((procedureID, procedure))

        for observation in traceObservations(listing, entries: entries, subject: patientRef, partOf: procedureRef) {
            resources.append((observation["id"] as! String, observation))
        }
        if let documentation {
            for observation in documentationObservations(listing, documentation, subject: patientRef, partOf: procedureRef) {
                resources.append((observation["id"] as! String, observation))
            }
        }
        return [
            "resourceType": "Bundle", "id": listing.id, "type": "collection",
            "identifier": ["system": sessionSystem, "value": listing.id],
            "timestamp": listing.endedAt ?? listing.startedAt,
            "entry": resources.map { ["fullUrl": "urn:uuid:\($0.id)", "resource": $0.resource] },
        ]
    }

    /// R5's procedure status: a session that never delivered anything was not done, one cut short was stopped.
    static func status(_ listing: SessionListing) -> String {
        switch listing.endState {
        case "finished": "completed"
        case nil: "in-progress"
        default: listing.deliveredNanoseconds == 0 ? "not-done" : "stopped"
        }
    }

    /// Observations of a session still under way may change.
    static func observationStatus(_ listing: SessionListing) -> String { listing.endState == nil ? "preliminary" : "final" }

    /// The protocol's parameters as a therapist documents them: per programme the current, mode, rate, width, duration.
    static func parameters(_ listing: SessionListing, protocolText: String?) -> [String] {
        var notes = ["Protocol \(listing.protocolID) (sha256 \(listing.protocolSHA256)), on \(listing.transport); "
            + "ended \(listing.endState ?? "open")\(listing.endReason.map { ": \($0)" } ?? "")"]
        guard let protocolText, let loaded = try? ProtocolLoader.load(text: protocolText, file: listing.protocolID + ".toml") else {
            return notes
        }
        for (index, p) in loaded.therapyProtocol.programmes.enumerated() {
            var parts = [p.modality.displayName, p.shape.name, p.frequency.description]
            if p.shape.takesPhaseWidth { parts.append("phase \(p.phaseWidth.description)") }
            if let duty = p.duty {
                parts.append("on \(duty.on.description) / off \(duty.off.description), ramps \(duty.rampUp.description) up, \(duty.rampDown.description) down")
            }
            if let carrier = p.carrier { parts.append("carrier \(carrier.frequency.description)") }
            parts.append("\(p.duration.clockText) planned")
            notes.append("Programme \(index + 1) \(p.name): " + parts.joined(separator: ", "))
        }
        return notes
    }

    static func traceObservations(_ listing: SessionListing, entries: [RecordEntry], subject: [String: String],
                                  partOf: [String: String]) -> [[String: Any]] {
        // One sample per second of session time, at its own second: a second the record lacks (the host stalled,
        // an output was lost) is an "E", so every later sample keeps its time.
        var bySecond: [Int64: [String: Any]] = [:]
        for entry in entries where entry.kind == "trace" { bySecond[entry.time / 1_000_000_000] = RecordPayload.object(entry.payload) }
        guard let lastSecond = bySecond.keys.max(), lastSecond < 1_000_000 else { return [] }
        let traces: [[String: Any]?] = (0...max(0, lastSecond)).map { bySecond[$0] }
        let channels = (traces.compactMap { $0 }.first?["channels"] as? [[String: Any]])?.count ?? 0
        guard channels > 0 else { return [] }
        return (1...channels).map { channel in
            func series(_ key: String) -> String {
                traces.map { trace -> String in
                    let row = (trace?["channels"] as? [[String: Any]])?.first { ($0["channel"] as? Int) == channel }
                    return (row?[key] as? NSNumber).map { $0.stringValue } ?? "E"
                }.joined(separator: " ")
            }
            let components: [[String: Any]] = [
                ("target", "target amplitude", "target_uA", "uA"), ("commanded", "commanded amplitude", "commanded_uA", "uA"),
                ("delivered", "delivered amplitude", "delivered_uA", "uA"), ("impedance", "electrode impedance", "impedance_ohm", "Ohm"),
            ].map { (code, text, key, unit) in
                ["code": ["text": text, "coding": [["system": "urn:galvani:trace", "code": code]]],
                 "valueSampledData": ["origin": ["value": 0, "unit": unit, "system": ucum, "code": unit],
                                      "interval": 1000, "intervalUnit": "ms", "dimensions": 1, "data": series(key)]]
            }
            return [
                "resourceType": "Observation", "id": uuid("\(listing.id) trace channel \(channel)"),
                "status": observationStatus(listing),
                "code": ["text": "Channel \(channel) output, once a second of session time"],
                "subject": subject, "partOf": [partOf],
                "effectivePeriod": ["start": listing.startedAt].merging(listing.endedAt.map { ["end": $0] } ?? [:]) { $1 },
                "component": components,
            ]
        }
    }

    static func documentationObservations(_ listing: SessionListing, _ d: [String: Any], subject: [String: String],
                                          partOf: [String: String]) -> [[String: Any]] {
        var observations: [[String: Any]] = []
        func add(_ name: String, _ text: String, _ value: [String: Any]) {
            observations.append([
                "resourceType": "Observation", "id": uuid("\(listing.id) documentation \(name)"),
                "status": observationStatus(listing),
                "code": ["text": text], "subject": subject, "partOf": [partOf],
                "effectiveDateTime": listing.endedAt ?? listing.startedAt,
            ].merging(value) { $1 })
        }
        if let pain = d["pain_before"] as? Int { add("pain_before", "Pain score before the session (0–10)", ["valueInteger": pain]) }
        if let pain = d["pain_after"] as? Int { add("pain_after", "Pain score after the session (0–10)", ["valueInteger": pain]) }
        if let response = d["response"] as? String { add("response", "Patient response", ["valueString": response]) }
        if let skin = d["skin"] as? String {
            add("skin", "Skin under the electrodes after the session", ["valueString": skin + ((d["skin_note"] as? String).map { ": \($0)" } ?? "")])
        }
        if let minutes = d["attended_minutes"] as? Int {
            add("attended", "Minutes the therapist attended",
                ["valueQuantity": ["value": minutes, "unit": "min", "system": ucum, "code": "min"]])
        }
        return observations
    }

    /// A UUID named by its content, so the same session exports the same resource ids every time.
    static func uuid(_ seed: String) -> String {
        var hex = Array(ContentHash.sha256(seed).prefix(32))
        hex[12] = "5"
        hex[16] = ["8", "9", "a", "b"][Int(String(hex[16]), radix: 16)! % 4]
        let text = String(hex)
        return [text.prefix(8), text.dropFirst(8).prefix(4), text.dropFirst(12).prefix(4), text.dropFirst(16).prefix(4),
                text.dropFirst(20)].joined(separator: "-")
    }
}
