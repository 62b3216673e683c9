/// The version of the PartsMap library and of the `partsmap` tool built from it, written into
/// the pages and reports it makes so a reader can tell which version drew them.
public let partsMapVersion = "0.2.0"
