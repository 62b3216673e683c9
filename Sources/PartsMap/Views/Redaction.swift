/// A map made safe to show in consultation or supervision: nothing a person wrote remains.
///
/// Parts keep their role, status and self-likeness, and get role-and-number aliases
/// ("Manager 1", ID `manager-1`) in map order, so the same map always gives the same aliases.
/// Ages become bands. Every piece of free text (names, title, notes, beliefs, burdens' words,
/// feelings, tags, custom fields, comments, session titles and homework) is dropped.
public enum Redaction {
    /// The map with every piece of free text dropped and parts renamed to role-and-number aliases.
    public static func apply(to map: SystemMap) -> SystemMap {
        var counters: [Role: Int] = [:]
        var aliases: [PartID: PartID] = [:]
        var items: [MapItem] = [.field(MapField(key: "title", value: "Redacted map"))]
        for part in map.parts {
            let number = (counters[part.role] ?? 0) + 1
            counters[part.role] = number
            aliases[part.id] = PartID(unchecked: "\(part.role.rawValue)-\(number)")
        }
        func alias(_ id: PartID) -> PartID { aliases[id] ?? PartID(unchecked: "unknown-part") }
        func alias(_ endpoint: Relationship.Endpoint) -> Relationship.Endpoint {
            if case .part(let id) = endpoint { return .part(alias(id)) }
            return endpoint
        }
        for item in map.items {
            switch item {
            case .field, .selfBlock:
                continue
            case .burden(let unattached):
                items.append(.burden(UnattachedBurden(unattached.burden.redacted)))
            case .part(let part):
                let id = alias(part.id)
                var fields: [PartField] = []
                for field in part.fields {
                    switch field.value {
                    case .role, .status, .selfLike: fields.append(PartField(field.value))
                    case .age(let age): if let band = ageBand(age) { fields.append(PartField(.age(band))) }
                    case .burden(let burden): fields.append(PartField(.burden(burden.redacted)))
                    default: continue
                    }
                }
                let role = part.role.rawValue
                let number = id.rawValue.dropFirst(role.count + 1)
                items.append(.part(Part(id: id, name: role.prefix(1).uppercased() + role.dropFirst() + " " + number, fields: fields)))
            case .relationship(let relationship):
                items.append(.relationship(Relationship(alias(relationship.from), relationship.kind, alias(relationship.to))))
            case .session(let session):
                let fields = session.fields.compactMap { field -> SessionField? in
                    switch field.value {
                    case .present(let ids): return SessionField(.present(ids.map(alias)))
                    case .selfEnergy, .selfPresence: return SessionField(field.value)
                    case .statusChange(let change):
                        return SessionField(.statusChange(StatusChange(part: alias(change.part), from: change.from, to: change.to)))
                    case .sixFs(let part, let step): return SessionField(.sixFs(part: alias(part), step: step))
                    case .unburdening(let record): return SessionField(.unburdening(UnburdeningRecord(
                        part: alias(record.part), step: record.step, progress: record.progress)))
                    case .permission(let permission): return SessionField(.permission(Permission(
                        protector: alias(permission.protector), exile: alias(permission.exile), answer: permission.answer)))
                    case .intensity(let intensity): return SessionField(.intensity(BurdenIntensity(part: alias(intensity.part),
                                                                                                  score: intensity.score)))
                    case .blended(let blending): return SessionField(.blended(Blending(part: alias(blending.part), outcome: blending.outcome)))
                    // Feelings check-ins, feel-toward answers and jobs are the client's words: dropped like notes.
                    case .feelings, .feelToward, .roleChange, .homework, .note, .custom: return nil
                    }
                }
                items.append(.session(Session(date: session.date, fields: fields)))
            }
        }
        return SystemMap(items: items)
    }

    /// A band for an age written as text ("7", "about 8", "teen"); nil when there is no number.
    public static func ageBand(_ age: String) -> String? {
        var digits = ""
        for character in age {
            if character.isASCII, character.isNumber { digits.append(character) } else if !digits.isEmpty { break }
        }
        guard let years = Int(digits) else { return nil }
        switch years {
        case ..<6: return "under 6"
        case 6...12: return "6-12"
        case 13...17: return "13-17"
        case 18...25: return "18-25"
        default: return "over 25"
        }
    }
}

extension Burden {
    /// The burden without its words and lineage: kind, state and form only.
    var redacted: Burden { Burden(kind, "", state: state, form: form) }
}
