/// The role a part plays in the system, following IFS's three kinds of parts.
///
/// Managers and firefighters are both *protectors*; `protector` is for a protector whose kind
/// is not yet clear. `unknown` is for a part that has been noticed but not yet understood.
public enum Role: String, CaseIterable, Sendable, Hashable {
    /// A pre-emptive protector: keeps the system safe by control (critic, planner, numbing, caretaker).
    case manager
    /// A reactive protector: puts out the fire once an exile's pain breaks through (bingeing, rage).
    case firefighter
    /// A protector whose kind (manager or firefighter) is not known yet.
    case protector
    /// A young, burdened part that protectors keep hidden.
    case exile
    /// A part whose role is not known yet.
    case unknown

    /// Managers, firefighters and unspecified protectors.
    public var isProtector: Bool {
        switch self {
        case .manager, .firefighter, .protector: return true
        case .exile, .unknown: return false
        }
    }
}
