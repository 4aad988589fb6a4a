import StimulationCore
import StimulationEngine
import TreatmentRecords

/// Opens a session's record before the session starts: a records file that cannot take it stops the run here,
/// with words, rather than midway. Sessions left open by a killed galvani are closed as interrupted first.
enum SessionRecording {
    struct Opened {
        var writer: RecordsWriter?
        /// What the operator should read before the session: sessions closed as interrupted, a run without a patient.
        var notes: [String]
    }

    static func open(_ options: RecordsOptions, loaded: ProtocolLoader.Loaded, transport: String) throws(RecordsError) -> Opened {
        guard !options.noRecords else {
            return Opened(writer: nil, notes: ["records: off (--no-records); nothing of this session is kept"])
        }
        let store = try RecordsStore(path: options.path)
        var notes = try store.importFallbacks().map { "records: " + $0 }
        notes += try store.closeInterrupted().map { "records: " + $0 }
        if let patient = options.patient, try store.patient(clinicID: patient) == nil {
            throw RecordsError("no patient \(patient) in \(options.path): add them first with "
                + "galvani records add-patient \(patient) --name NAME [--born YEAR]")
        }
        let writer = try RecordsWriter(store: store, header: SessionHeader(
            patient: options.patient, operatorName: options.operatorName, protocolID: loaded.therapyProtocol.id,
            protocolText: loaded.text, transport: transport))
        notes.append("records: session \(writer.sessionID) in \(options.path)")
        if options.patient == nil { notes.append("records: no patient named (--patient); the record says so") }
        if options.operatorName == nil { notes.append("records: no operator named (--operator); the record says so") }
        return Opened(writer: writer, notes: notes)
    }
}
