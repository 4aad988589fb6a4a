/// Reads the top level of a protocol file and hands each `[[programme]]` to a ProgrammeReader.
struct ProtocolReader {
    let root: TOMLTable
    let context: LoadContext

    static let keys = ["format", "id", "title", "indication", "placement", "channels", "contraindications",
                       "electrode", "programme"]

    func read() -> TherapyProtocol? {
        let top = TableReader(table: root, path: "", label: "", context: context, allowed: Self.keys)
        top.rejectUnknownKeys()
        if let format = top.integer("format"), format != ProtocolLoader.formatVersion {
            top.error("format", "is \(format); this version of Galvani reads format \(ProtocolLoader.formatVersion)")
        }
        let id = top.nonEmptyString("id")
        if let id, !isValidID(id) {
            top.error("id", "\"\(id)\" must be lower-case letters, digits and hyphens, starting with a letter or digit")
        }
        let title = top.nonEmptyString("title")
        let indication = top.nonEmptyString("indication")
        let placement = top.nonEmptyString("placement")
        var channels = top.integer("channels")
        let policy = context.policy
        if let count = channels, !(1...policy.mostChannels).contains(count) {
            top.error("channels", "is \(count); allowed: 1 to \(policy.mostChannels)")
            channels = nil
        }
        var contraindications: [Contraindication] = []
        for (name, path) in top.stringArray("contraindications") ?? [] {
            if let flag = Contraindication(rawValue: name) {
                if contraindications.contains(flag) {
                    context.error(at: path, "`contraindications`: \"\(name)\" is listed twice; list each once")
                }
                contraindications.append(flag)
            } else {
                let allowed = Contraindication.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
                context.error(at: path, "`contraindications`: \"\(name)\" is not a known contraindication; allowed: \(allowed)")
            }
        }
        let electrode = ElectrodeReader.read(top.subtable("electrode", label: "electrode", allowed: ElectrodeReader.keys,
                                                          required: true))
        let programmeReaders = top.tableArray("programme", label: { "programme \($0 + 1)" },
                                              allowed: ProgrammeReader.keys, required: true) ?? []
        if top.has("programme"), programmeReaders.isEmpty {
            top.error("programme", "must list at least one [[programme]]")
        }
        guard programmeReaders.count <= policy.mostProgrammes else {
            top.error("programme", "lists \(programmeReaders.count) programmes; a protocol holds at most \(policy.mostProgrammes)")
            return nil
        }
        var programmes: [Programme] = []
        for reader in programmeReaders {
            let programme = ProgrammeReader(reader: reader, channels: channels ?? 1, protocolElectrode: electrode).read()
            if let programme { programmes.append(programme) }
        }
        guard let id, let title, let indication, let placement, let channels,
              programmes.count == programmeReaders.count, !programmes.isEmpty else { return nil }
        // Each programme is at most the longest programme, and there are at most mostProgrammes: the sum cannot overflow.
        let total = programmes.reduce(TimeSpan.zero) { $0 + $1.duration }
        guard total <= policy.longestProtocol else {
            top.error("programme", "the programmes add up to \(total); a whole protocol lasts at most \(policy.longestProtocol)")
            return nil
        }
        return TherapyProtocol(id: id, title: title, indication: indication, placement: placement, channels: channels,
                               contraindications: contraindications, programmes: programmes)
    }

    private func isValidID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, first.isASCIILowerOrDigit else { return false }
        return id.unicodeScalars.allSatisfy { $0.isASCIILowerOrDigit || $0 == "-" }
    }
}

private extension Unicode.Scalar {
    var isASCIILowerOrDigit: Bool { ("a"..."z").contains(self) || ("0"..."9").contains(self) }
}

import TOMLKit
