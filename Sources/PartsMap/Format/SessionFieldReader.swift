extension MapParser {
    /// One session field written as in a map (`permission fog for little: agrees`), read with the
    /// map reader's rules and messages, for commands that take a field on the command line.
    /// `parts` are the IDs the field may name.
    public static func sessionField(_ line: String, parts: [PartID]) -> Result<SessionField.Value, FieldValueProblem> {
        guard !line.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" }) else {
            return .failure(FieldValueProblem("a session field is one line"))
        }
        let header = "partsmap 1\n" + parts.map { "part \($0)\n" }.joined() + "session 2000-01-01\n"
        let parsed = parse(header + "  " + line + "\n")
        if let error = parsed.errors.first { return .failure(FieldValueProblem(error.message)) }
        guard let value = parsed.map.sessions.first?.fields.first?.value else {
            return .failure(FieldValueProblem("expected a session field, as in 'feelings: sadness 3'"))
        }
        return .success(value)
    }
}
