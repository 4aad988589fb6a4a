import StimulationCore
import StimulationEngine
import Transports

/// One channel: modality and parameters, target and delivered amplitude, a bar to the ceiling,
/// the last minute of delivered amplitude, and the electrode's state in colour and in words.
enum ChannelPanel {
    static let height = 7

    static func draw(into buffer: inout ScreenBuffer, _ rect: Rect, channel: Int, _ model: ConsoleModel) {
        guard let c = model.snapshot.channels.first(where: { $0.channel == channel }) else { return }
        let selected = channel == model.selectedChannel
        let plan = ChannelPlan(programme: model.programme, channel: channel)
        let title = "\(selected ? "▶" : " ") CH\(channel) \(model.programme.modality.displayName)"
        BoxFrame.draw(into: &buffer, rect, title: title, titleRole: selected ? .selected : .title,
                      role: selected ? .selected : .border)
        let inner = rect.inset(by: 1)
        guard inner.width > 10, inner.height >= 1 else { return }
        let x = inner.x + 1, width = inner.width - 2
        var y = inner.y
        buffer.write(parameters(plan), x: x, y: y, role: .dim, limit: width)
        y += 1
        guard y < inner.maxY else { return }
        var column = x
        column += buffer.write("Target ", x: column, y: y, role: .label)
        let modality = model.programme.modality
        column += buffer.write(AmplitudeText.text(c.target, modality: modality), x: column, y: y, role: .value)
        column += buffer.write("   Now ", x: column, y: y, role: .label)
        column += buffer.write(AmplitudeText.text(c.commanded, modality: modality), x: column, y: y, role: .value)
        column += buffer.write("   Delivered ", x: column, y: y, role: .label, limit: inner.maxX - column)
        buffer.write(AmplitudeText.text(c.delivered, modality: modality), x: column, y: y, role: .value, limit: inner.maxX - column)
        y += 1
        guard y < inner.maxY else { return }
        let ceilingText = " of \(AmplitudeText.text(c.ceiling.amplitude, modality: modality))"
        let fraction = c.ceiling.amplitude.microamps > 0 ? Double(c.delivered.microamps) / Double(c.ceiling.amplitude.microamps) : 0
        BarGauge.draw(into: &buffer, x: x, y: y, width: width - ceilingText.count, fraction: fraction)
        buffer.write(ceilingText, x: x + width - ceilingText.count, y: y, role: .dim)
        y += 1
        guard y < inner.maxY else { return }
        // Rows the panel has beyond its five lines go to the graph.
        let graphRows = max(1, inner.maxY - y - 1)
        let graphLabel = "60 s "
        buffer.write(graphLabel, x: x, y: y + graphRows - 1, role: .dim)
        Sparkline.draw(into: &buffer, x: x + graphLabel.count, y: y + graphRows - 1, width: width - graphLabel.count,
                       height: graphRows, samples: model.history.samples(channel: channel), ceiling: c.ceiling.amplitude)
        y += graphRows
        guard y < inner.maxY else { return }
        drawElectrode(into: &buffer, x: x, y: y, width: width, c, plan: plan)
    }

    static func parameters(_ plan: ChannelPlan) -> String {
        let programme = plan.programme
        var parts: [String] = []
        if let carrier = programme.carrier {
            parts.append("carrier \(carrier.frequency)")
            if let beat = carrier.beat { parts.append(programme.sweep(of: .beat) == nil ? "beat \(beat)" : "beat sweep") }
        } else if let dd = programme.denseDisperse {
            parts.append("\(dd.disperse)/\(dd.dense)")
        } else {
            parts.append(plan.baseFrequency.description + (programme.sweep(of: .frequency) == nil ? "" : " swept"))
        }
        if programme.shape.takesPhaseWidth { parts.append(plan.baseWidth.description) }
        if programme.burst != nil { parts.append("bursts") }
        if let duty = programme.duty { parts.append("\(duty.on.seconds.formatted())/\(duty.off.seconds.formatted()) s") }
        parts.append(programme.shape.name)
        return parts.joined(separator: " · ")
    }

    static func drawElectrode(into buffer: inout ScreenBuffer, x: Int, y: Int, width: Int,
                              _ c: EngineSnapshot.Channel, plan: ChannelPlan) {
        // Until the device has reported a measurement there is nothing to say about the contact.
        guard let measured = c.impedance else {
            buffer.write("Contact not measured yet", x: x, y: y, role: .dim, limit: width)
            return
        }
        let (word, role): (String, StyleRole) = switch c.contact {
        case .ok: ("Contact OK", .electrodeOk)
        case .poor: ("Contact POOR", .electrodePoor)
        case .open: ("NO CONTACT", .electrodeOpen)
        case .short: ("SHORT CIRCUIT", .electrodeShort)
        }
        var column = x
        column += buffer.write(word, x: column, y: y, role: role)
        let impedance = "  \(DecimalImpedance.kiloohms(measured)) kΩ"
        column += buffer.write(impedance, x: column, y: y, role: .value)
        if c.faulted {
            column += buffer.write("  OUTPUT OFF", x: column, y: y, role: .electrodeOpen, limit: x + width - column)
        }
        let policy = SafetyPolicy.clinic
        // The rms never exceeds the peak, nor the peak the commanded amplitude, so below the warning there no figures
        // are needed: they were a tenth of a frame.
        let milliamps = Double(c.commanded.microamps) / 1000
        guard milliamps / plan.programme.electrode.area.squareCentimetres > policy.densityWarning.milliampsPerSquareCentimetre
        else { return }
        let density = SafetyFigures(plan: plan, amplitude: c.commanded, testLoad: policy.testLoad).density
        if density > policy.densityWarning {
            buffer.write("  density \(density) > 2", x: column, y: y, role: .densityWarning, limit: x + width - column)
        }
    }
}

/// Impedance always in kΩ, two decimals, so the figure does not jump between units as it changes.
enum DecimalImpedance {
    static func kiloohms(_ r: Resistance) -> String {
        let hundredths = Int((r.ohms / 10).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }
}

private extension Double {
    func formatted() -> String { self == rounded() ? String(Int(self)) : String(self) }
}
