/// Changes to a map that keep it consistent: the building blocks of the editing commands.
extension SystemMap {
    /// The position of part `id` in `items`.
    public func itemIndex(ofPart id: PartID) -> Int? {
        items.firstIndex { if case .part(let part) = $0 { return part.id == id } else { return false } }
    }

    /// Changes part `id` in place.
    public mutating func updatePart(_ id: PartID, _ change: (inout Part) -> Void) {
        guard let index = itemIndex(ofPart: id), case .part(var part) = items[index] else { return }
        change(&part)
        items[index] = .part(part)
    }

    /// Where part `id` is mentioned: relationships and sessions, as item indices.
    public func references(to id: PartID) -> [Int] {
        items.indices.filter { index in
            switch items[index] {
            case .relationship(let relationship): return relationship.involves(id)
            case .session(let session): return session.mentionedParts.contains(id)
            case .field, .selfBlock, .part, .burden: return false
            }
        }
    }

    /// Gives part `old` the ID `new` everywhere: its block, relationships and sessions.
    public mutating func renamePart(_ old: PartID, to new: PartID) {
        func rename(_ endpoint: Relationship.Endpoint) -> Relationship.Endpoint {
            endpoint == .part(old) ? .part(new) : endpoint
        }
        func rename(_ id: PartID) -> PartID { id == old ? new : id }
        for index in items.indices {
            switch items[index] {
            case .part(var part) where part.id == old:
                part.id = new
                items[index] = .part(part)
            case .relationship(var relationship) where relationship.involves(old):
                relationship.from = rename(relationship.from)
                relationship.to = rename(relationship.to)
                items[index] = .relationship(relationship)
            case .session(var session) where session.mentionedParts.contains(old):
                for fieldIndex in session.fields.indices {
                    session.fields[fieldIndex].value = session.fields[fieldIndex].value.renamingPart(old, to: new)
                }
                items[index] = .session(session)
            default:
                break
            }
        }
    }

    /// Removes part `id`, and with `cascade` every relationship and session line that names it.
    /// Returns a description of each removed reference.
    @discardableResult
    public mutating func removePart(_ id: PartID, cascade: Bool) -> [String] {
        var removed: [String] = []
        var kept: [MapItem] = []
        for item in items {
            switch item {
            case .part(let part) where part.id == id:
                continue
            case .relationship(let relationship) where cascade && relationship.involves(id):
                removed.append("relationship '\(relationship.from) \(relationship.kind.rawValue) \(relationship.to)'")
                continue
            case .session(var session) where cascade && session.mentionedParts.contains(id):
                session.fields = session.fields.compactMap { field in
                    var field = field
                    guard let value = field.value.removingPart(id) else {
                        removed.append("'\(field.value.key)' line in the session of \(session.date)")
                        return nil
                    }
                    field.value = value
                    return field
                }
                kept.append(.session(session))
            default:
                kept.append(item)
            }
        }
        items = kept
        return removed
    }

    /// The date of the last session that mentions part `id`.
    public func lastSession(mentioning id: PartID) -> CalendarDate? {
        sessions.last { $0.mentionedParts.contains(id) }?.date
    }

    /// The date of the last session that mentions each part, for every part a session mentions:
    /// `lastSession(mentioning:)` for all parts at once, reading the sessions once.
    public func lastSessionDates() -> [PartID: CalendarDate] {
        var dates: [PartID: CalendarDate] = [:]
        for session in sessions {
            for id in session.mentionedParts { dates[id] = session.date }
        }
        return dates
    }

    /// Every status change recorded for part `id`, with its session.
    public func statusHistory(of id: PartID) -> [(session: Session, change: StatusChange)] {
        sessions.flatMap { session in session.statusChanges.filter { $0.part == id }.map { (session, $0) } }
    }
}

extension Part {
    /// Sets a field that a part has at most once (role, age, status, self-like), in place if it
    /// is there (keeping its comments), else after the last field.
    public mutating func setSingle(_ value: PartField.Value) {
        if let index = fields.firstIndex(where: { $0.value.key == value.key }) {
            fields[index].value = value
        } else {
            fields.append(PartField(value))
        }
    }

    /// Replaces every field with `key` by `values`, at the place of the first one.
    public mutating func replaceAll(key: String, with values: [PartField.Value]) {
        let position = fields.firstIndex { $0.value.key == key }
        var comments = position.map { fields[$0].comments } ?? Comments()
        var replacement: [PartField] = []
        for value in values {
            replacement.append(PartField(value, comments: comments))
            comments = Comments()
        }
        fields.removeAll { $0.value.key == key }
        let insertAt = position.map { original in
            min(original, fields.count)
        } ?? fields.count
        fields.insert(contentsOf: replacement, at: insertAt)
    }
}

extension SessionField.Value {
    func renamingPart(_ old: PartID, to new: PartID) -> SessionField.Value {
        func rename(_ id: PartID) -> PartID { id == old ? new : id }
        switch self {
        case .present(let ids): return .present(ids.map(rename))
        case .statusChange(var change):
            change.part = rename(change.part)
            return .statusChange(change)
        case .sixFs(let part, let step): return .sixFs(part: rename(part), step: step)
        case .unburdening(var record):
            record.part = rename(record.part)
            return .unburdening(record)
        case .permission(var permission):
            permission.protector = rename(permission.protector)
            permission.exile = rename(permission.exile)
            return .permission(permission)
        case .feelToward(var answer):
            answer.part = rename(answer.part)
            return .feelToward(answer)
        case .blended(var blending):
            blending.part = rename(blending.part)
            return .blended(blending)
        case .roleChange(var change):
            change.part = rename(change.part)
            return .roleChange(change)
        case .intensity(var intensity):
            intensity.part = rename(intensity.part)
            return .intensity(intensity)
        case .selfEnergy, .selfPresence, .feelings, .homework, .note, .custom: return self
        }
    }

    /// This line without part `id`, or nil when the line is about that part alone.
    func removingPart(_ id: PartID) -> SessionField.Value? {
        switch self {
        case .present(let ids):
            let rest = ids.filter { $0 != id }
            return rest.isEmpty ? nil : .present(rest)
        case .statusChange(let change): return change.part == id ? nil : self
        case .sixFs, .unburdening, .permission, .feelToward, .blended, .roleChange, .intensity:
            return partReferences.contains(id) ? nil : self
        case .selfEnergy, .selfPresence, .feelings, .homework, .note, .custom: return self
        }
    }
}
