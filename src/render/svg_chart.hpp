#pragma once
// Charts as inline SVG for the HTML report: lines and bars over a few
// labelled points, with axes, grid lines and an optional target line. The
// SVG holds no script and no style of its own: colours come from the page's
// classes (s1..s5 for series, plus "target"), so the page's light, dark and
// print styles apply. All text goes through html_text().
#include <optional>
#include <string>
#include <vector>

namespace hd::svg {

enum class Unit { duration, percent, count }; // values in seconds, 0..100, or counts

struct Series {
    std::string name;
    int style = 1;                             // colour class s1..s5
    bool dashed = false;                       // for lines
    std::vector<std::optional<double>> values; // one per label; none for no value
};

struct Chart {
    std::string id;                  // unique in the page, for the title's id
    std::string title;               // what the chart shows, for screen readers
    std::vector<std::string> labels; // along the x axis (for bars: one per bar)
    std::vector<Series> series;
    Unit unit = Unit::count;
    std::optional<double> target; // a horizontal line, labelled "target"
};

// Lines, one per series, with a dot at each value; a missing value breaks
// the line.
std::string line_chart(const Chart& c);

// Bars: one column per label, the series stacked when `stacked`, else side
// by side.
std::string bar_chart(const Chart& c, bool stacked);

// Bars across, one row per label (long labels are cut, the full text is in
// the row's tooltip), the series stacked.
std::string hbar_chart(const Chart& c);

// A value as the axis and tooltips write it: "2h 30m", "80%", "12".
std::string format_value(double v, Unit unit);

} // namespace hd::svg
