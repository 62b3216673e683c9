extension SessionField.Value {
    /// The line in words, naming parts with `name`: for `session show`, `history`, the journey
    /// and the report's session log. `nil` for notes, homework and custom fields, which each
    /// place shows in its own way.
    public func sentence(_ name: (PartID) -> String) -> String? {
        func ratings(_ items: [(String, Int)]) -> String { items.map { "\($0.0) \($0.1)" }.joined(separator: ", ") }
        switch self {
        case .present(let ids): return "Present: " + ids.map(name).joined(separator: ", ")
        case .selfEnergy(let list): return "Self-energy (8 Cs): " + ratings(list.map { ($0.quality.rawValue, $0.score) })
        case .selfPresence(let list): return "5 Ps: " + ratings(list.map { ($0.quality.rawValue, $0.score) })
        case .feelings(let list): return "Feelings check-in: " + ratings(list.map { ($0.feeling, $0.score) })
        case .statusChange(let change):
            return "Status of \(name(change.part)): " + (change.from.map { "\($0.rawValue) → " } ?? "→ ")
                + change.to.rawValue + (change.note.map { " (\($0))" } ?? "")
        case .sixFs(let part, let step): return "6 Fs with \(name(part)): reached \(step.rawValue)"
        case .unburdening(let record):
            let verb = record.progress == .done ? "reached" : "began"
            return "Unburdening of \(name(record.part)): \(verb) \(record.step.rawValue)"
                + (record.detail.map { " (\(record.detailLabel): \($0))" } ?? "")
        case .permission(let permission):
            return "Permission from \(name(permission.protector)) to go to \(name(permission.exile)): "
                + permission.answer.rawValue + (permission.note.map { " (\($0))" } ?? "")
        case .feelToward(let answer):
            return "Felt toward \(name(answer.part)): " + answer.answers.joined(separator: ", ")
        case .blended(let blending):
            return "\(name(blending.part)) was blended and " + (blending.outcome == .steppedBack ? "stepped back" : "did not step back")
                + (blending.concern.map { " (concerned: \($0))" } ?? "")
        case .intensity(let intensity):
            return "Burden intensity of \(name(intensity.part)): \(intensity.score)" + (intensity.burden.map { " (\($0))" } ?? "")
        case .roleChange(let change):
            return "New role for \(name(change.part)): \(change.from) → \(change.to)"
        case .homework, .note, .custom:
            return nil
        }
    }
}
