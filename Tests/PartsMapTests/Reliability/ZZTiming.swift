import Testing
import Foundation
@testable import PartsMap
@Suite struct ZZTiming {
  @Test func timing() throws {
    for name in ["numbness.parts", "first-map.parts"] {
      let text = try TestSupport.exampleText(name)
      let src = SourceText(text)
      var t = Date()
      for _ in 0..<200 { _ = MapParser.parse(src) }
      let parse = Date().timeIntervalSince(t) / 200
      let map = MapParser.parse(src).map
      t = Date()
      for _ in 0..<200 { _ = MapPrinter.print(map) }
      let pr = Date().timeIntervalSince(t) / 200
      t = Date()
      for _ in 0..<200 { _ = MapJSON.encode(map).serialized() }
      let js = Date().timeIntervalSince(t) / 200
      t = Date()
      for _ in 0..<200 { _ = MapChecker.check(map) }
      let ch = Date().timeIntervalSince(t) / 200
      print("TIMING \(name): parse \(parse*1000) ms print \(pr*1000) json \(js*1000) check \(ch*1000)")
    }
  }
}
