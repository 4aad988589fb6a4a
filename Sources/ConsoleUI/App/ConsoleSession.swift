import StimulationCore
import StimulationEngine
import Transports

/// What the console is showing, in the order a therapist meets it: who operates, which patient, which protocol,
/// the screening, the placement notes, the session, and its documentation.
enum ConsoleStage {
    case operatorName(OperatorPrompt)
    case patient(PatientChooser)
    case picking(ProtocolPicker)
    case screening(ScreeningForm)
    case placement
    case session
    case documenting(DocumentationForm)
    /// Something went wrong before a session could start: said in words, any key leaves.
    case notice(String)
}
