import StimulationCore
import StimulationEngine
import Transports

/// What the console is showing: choosing, screening, reading placement notes, or the session itself.
enum ConsoleStage {
    case picking(ProtocolPicker)
    case screening(ScreeningForm)
    case placement
    case session
}
