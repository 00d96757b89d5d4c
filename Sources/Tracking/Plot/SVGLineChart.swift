import Foundation

/// Renders learning curves as a standalone SVG: one colour per group, a translucent min–max band under a mean
/// line, axes with nice ticks, axis labels, a title and a legend. Elements carry classes (`band`, `mean`,
/// `tick`, `legend`) so the output is easy to inspect and style.
public struct SVGLineChart: Sendable {
    /// Title above the plot.
    public var title: String
    /// X-axis label.
    public var xLabel = "environment steps"
    /// Y-axis label.
    public var yLabel: String
    /// Image width in pixels.
    public var width = 800.0
    /// Image height in pixels.
    public var height = 480.0
    /// Draw each group's points as dots (a scatter plot) instead of a mean line with a band.
    public var markersOnly = false

    /// Matplotlib's default "tab10" colour cycle.
    public static let palette = [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
        "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    ]

    /// A chart with the given title and y label.
    public init(title: String, yLabel: String) {
        self.title = title
        self.yLabel = yLabel
    }

    /// The SVG document for `groups`.
    public func render(_ groups: [CurveGroup]) -> String {
        let (left, right, top, bottom) = (72.0, width - 24, 40.0, height - 56)
        let allSteps = groups.flatMap(\.steps)
        let xAxis = AxisScale(minimum: allSteps.min() ?? 0, maximum: allSteps.max() ?? 1)
        let yAxis = AxisScale(
            minimum: groups.flatMap(\.minimum).min() ?? 0, maximum: groups.flatMap(\.maximum).max() ?? 1)
        func x(_ value: Double) -> Double { xAxis.position(of: value, from: left, to: right) }
        func y(_ value: Double) -> Double { yAxis.position(of: value, from: bottom, to: top) }

        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(n(width))" height="\(n(height))" \
            viewBox="0 0 \(n(width)) \(n(height))" font-family="sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="white"/>

            """
        svg += text(title, x: (left + right) / 2, y: 24, class: "title", anchor: "middle", extra: " font-size=\"15\"")
        svg += "<g class=\"grid\" stroke=\"#e5e5e5\">\n"
        for tick in xAxis.ticks {
            svg += "<line x1=\"\(n(x(tick)))\" y1=\"\(n(top))\" x2=\"\(n(x(tick)))\" y2=\"\(n(bottom))\"/>\n"
        }
        for tick in yAxis.ticks {
            svg += "<line x1=\"\(n(left))\" y1=\"\(n(y(tick)))\" x2=\"\(n(right))\" y2=\"\(n(y(tick)))\"/>\n"
        }
        svg += "</g>\n<g class=\"axes\" stroke=\"#333\">\n"
        svg += "<line x1=\"\(n(left))\" y1=\"\(n(bottom))\" x2=\"\(n(right))\" y2=\"\(n(bottom))\"/>\n"
        svg += "<line x1=\"\(n(left))\" y1=\"\(n(top))\" x2=\"\(n(left))\" y2=\"\(n(bottom))\"/>\n</g>\n"
        svg += "<g class=\"ticks\" fill=\"#333\">\n"
        for tick in xAxis.ticks {
            svg += text(xAxis.label(tick), x: x(tick), y: bottom + 18, class: "tick x", anchor: "middle")
        }
        for tick in yAxis.ticks {
            svg += text(yAxis.label(tick), x: left - 8, y: y(tick) + 4, class: "tick y", anchor: "end")
        }
        svg += "</g>\n"
        svg += text(xLabel, x: (left + right) / 2, y: height - 14, class: "xlabel", anchor: "middle")
        let middle = (top + bottom) / 2
        svg += text(
            yLabel, x: 16, y: middle, class: "ylabel", anchor: "middle",
            extra: " transform=\"rotate(-90 16 \(n(middle)))\"")

        for (index, group) in groups.enumerated() {
            let color = Self.palette[index % Self.palette.count]
            svg += "<g class=\"curve\" data-label=\"\(escape(group.label))\">\n"
            if markersOnly {
                for (px, py) in zip(group.steps, group.mean) {
                    svg += "<circle class=\"point\" cx=\"\(n(x(px)))\" cy=\"\(n(y(py)))\" r=\"3.5\" fill=\"\(color)\" "
                        + "fill-opacity=\"0.75\"/>\n"
                }
                svg += "</g>\n"
                continue
            }
            if group.runCount > 1 {
                let upperEdge = zip(group.steps, group.maximum).map { "\(n(x($0))) \(n(y($1)))" }
                let lowerEdge = zip(group.steps, group.minimum).reversed().map { "\(n(x($0))) \(n(y($1)))" }
                svg +=
                    "<path class=\"band\" d=\"M \((upperEdge + lowerEdge).joined(separator: " L ")) Z\" "
                    + "fill=\"\(color)\" fill-opacity=\"0.2\" stroke=\"none\"/>\n"
            }
            let line = zip(group.steps, group.mean).map { "\(n(x($0))) \(n(y($1)))" }
            svg +=
                "<path class=\"mean\" d=\"M \(line.joined(separator: " L "))\" fill=\"none\" stroke=\"\(color)\" "
                + "stroke-width=\"1.8\"/>\n</g>\n"
        }

        svg += "<g class=\"legend\">\n"
        for (index, group) in groups.enumerated() {
            let color = Self.palette[index % Self.palette.count]
            let rowY = top + 8 + Double(index) * 18
            let runs = markersOnly
                ? "\(group.steps.count) points" : group.runCount == 1 ? "1 run" : "\(group.runCount) runs"
            svg += "<rect x=\"\(n(left + 12))\" y=\"\(n(rowY))\" width=\"14\" height=\"4\" fill=\"\(color)\"/>\n"
            svg += text("\(group.label) (\(runs))", x: left + 32, y: rowY + 6, class: "legend", anchor: "start")
        }
        return svg + "</g>\n</svg>\n"
    }

    /// A `<text>` element with escaped content.
    private func text(
        _ content: String, x: Double, y: Double, class name: String, anchor: String, extra: String = ""
    ) -> String {
        let attributes = "class=\"\(name)\" x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor)\"\(extra)"
        return "<text \(attributes)>\(escape(content))</text>\n"
    }

    /// A coordinate with two decimals.
    private func n(_ value: Double) -> String { String(format: "%.2f", value) }

    private func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
