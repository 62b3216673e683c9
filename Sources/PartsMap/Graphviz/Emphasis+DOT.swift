/// How the DOT writer applies a mark's drawing mechanics. Marks themselves live with the views
/// (Views/Marks.swift), which know nothing of Graphviz; this is the Graphviz side.
extension Emphasis {
    /// `base` with the mechanics applied: same names replaced, new ones appended.
    func applied(to base: VisualStyle.Attributes) -> VisualStyle.Attributes {
        var result = base
        for attribute in attributes {
            if let index = result.firstIndex(where: { $0.name == attribute.name }) {
                result[index].value = attribute.value
            } else {
                result.append((attribute.name, attribute.value))
            }
        }
        return result
    }
}
