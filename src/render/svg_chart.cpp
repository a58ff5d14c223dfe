#include "render/svg_chart.hpp"

#include "core/report.hpp"
#include "core/utf8.hpp"
#include "render/report.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace hd::svg {

namespace {

constexpr double width = 440, height = 220;
constexpr double left = 56, right = 24, top = 14, bottom = 30;

struct Axis {
    double max = 1, step = 1;
};

// Round steps for the y axis, at most five of them up to the largest value.
Axis axis_for(double max, Unit unit) {
    if (unit == Unit::percent) return {100, 25};
    std::vector<double> steps;
    if (unit == Unit::duration) {
        for (double minutes : {1, 2, 5, 10, 15, 30})
            steps.push_back(minutes * 60);
        for (double hours : {1, 2, 3, 4, 6, 8, 12, 24, 48, 72, 120, 240, 480, 960})
            steps.push_back(hours * 3600);
    } else {
        for (double scale = 1; scale <= 1e9; scale *= 10)
            for (double m : {1, 2, 5})
                steps.push_back(m * scale);
    }
    for (double s : steps)
        if (max <= 5 * s) return {std::max(s, std::ceil(max / s) * s), s};
    double s = steps.back();
    while (max > 5 * s)
        s *= 2;
    return {std::ceil(max / s) * s, s};
}

std::string num(double v) {
    std::string s = fmt::format("{:.1f}", v);
    if (s.ends_with(".0")) s.resize(s.size() - 2);
    return s;
}

// Up to `n` code points of `s`, with an ellipsis when cut.
std::string cut(std::string_view s, size_t n) {
    size_t i = 0, count = 0;
    while (i < s.size() && count < n) {
        auto cp = decode_utf8(s, i);
        i += cp ? cp->size : 1;
        ++count;
    }
    return i < s.size() ? std::string(s.substr(0, i)) + "\u2026" : std::string(s);
}

std::string svg_open(const Chart& c, double h) {
    return fmt::format("<svg class=\"chart\" id=\"{}\" viewBox=\"0 0 {} {}\" width=\"{}\" "
                       "height=\"{}\" role=\"img\" aria-label=\"{}\"><title>{}</title>",
                       html_text(c.id), num(width), num(h), num(width), num(h), html_text(c.title),
                       html_text(c.title));
}

struct Frame {
    const Chart& c;
    Axis axis;
    double plot_w = width - left - right, plot_h = height - top - bottom;

    double y(double v) const { return top + plot_h - v / axis.max * plot_h; }
    double band() const {
        return plot_w / static_cast<double>(std::max<size_t>(c.labels.size(), 1));
    }
    double x(size_t i) const { return left + (static_cast<double>(i) + 0.5) * band(); }

    std::string open() const { return svg_open(c, height); }

    // Grid lines with their values, the x labels (every other one when
    // crowded, always the last), and the target line.
    std::string axes() const {
        std::string out = "<g class=\"grid\">";
        for (double v = 0; v <= axis.max + axis.step / 2; v += axis.step)
            out += fmt::format("<line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>", num(left),
                               num(width - right), num(y(v)), num(y(v)));
        out += "</g><g class=\"axis\">";
        for (double v = 0; v <= axis.max + axis.step / 2; v += axis.step)
            out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
                               num(left - 6), num(y(v) + 4), html_text(format_value(v, c.unit)));
        size_t n = c.labels.size();
        size_t every = (n + 7) / 8; // eight labels at most
        for (size_t i = 0; i < n; ++i)
            if ((n - 1 - i) % every == 0)
                out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                                   num(x(i)), num(height - bottom + 18), html_text(c.labels[i]));
        out += "</g>";
        if (c.target && *c.target <= axis.max)
            out += fmt::format("<line class=\"target\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>"
                               "<text class=\"target-label\" x=\"{}\" y=\"{}\" "
                               "text-anchor=\"end\">target {}</text>",
                               num(left), num(width - right), num(y(*c.target)), num(y(*c.target)),
                               num(width - right - 2), num(y(*c.target) - 4),
                               html_text(format_value(*c.target, c.unit)));
        return out;
    }

    std::string tip(size_t i, const Series& s, double v) const {
        return fmt::format("<title>{}: {} {}</title>", html_text(c.labels[i]), html_text(s.name),
                           html_text(format_value(v, c.unit)));
    }
};

double largest(const Chart& c, bool stacked) {
    double max = c.target.value_or(0);
    for (size_t i = 0; i < c.labels.size(); ++i) {
        double sum = 0;
        for (const Series& s : c.series) {
            double v = i < s.values.size() ? s.values[i].value_or(0) : 0;
            if (stacked)
                sum += v;
            else
                sum = std::max(sum, v);
        }
        max = std::max(max, sum);
    }
    return max;
}

} // namespace

std::string format_value(double v, Unit unit) {
    switch (unit) {
    case Unit::duration:
        return human_duration(std::chrono::seconds(static_cast<long long>(std::llround(v))));
    case Unit::percent:
        return fmt::format("{:.0f}%", v);
    case Unit::count:
        break;
    }
    return num(v);
}

std::string line_chart(const Chart& c) {
    Frame f{c, axis_for(largest(c, false), c.unit)};
    std::string out = f.open() + f.axes();
    for (const Series& s : c.series) {
        // One path per run of values, so a week without any breaks the line.
        std::string d;
        bool pen = false;
        for (size_t i = 0; i < c.labels.size(); ++i) {
            auto v = i < s.values.size() ? s.values[i] : std::nullopt;
            if (!v) {
                pen = false;
                continue;
            }
            d += fmt::format("{}{} {}",
                             d.empty() ? "M"
                             : pen     ? " L"
                                       : " M",
                             num(f.x(i)), num(f.y(*v)));
            pen = true;
        }
        out += fmt::format("<g class=\"series s{}{}\">", s.style, s.dashed ? " dashed" : "");
        if (!d.empty()) out += fmt::format("<path d=\"{}\"/>", d);
        // A dot per value, with its tooltip, while there is room for dots.
        for (size_t i = 0; c.labels.size() <= 60 && i < c.labels.size() && i < s.values.size(); ++i)
            if (auto v = s.values[i])
                out += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"3\">{}</circle>", num(f.x(i)),
                                   num(f.y(*v)), f.tip(i, s, *v));
        out += "</g>";
    }
    return out + "</svg>";
}

std::string bar_chart(const Chart& c, bool stacked) {
    Frame f{c, axis_for(largest(c, stacked), c.unit)};
    std::string out = f.open() + f.axes();
    size_t k = std::max<size_t>(c.series.size(), 1);
    double bw = stacked ? f.band() * 0.7 : f.band() * 0.8 / static_cast<double>(k);
    std::vector<double> base(c.labels.size(), 0);
    for (size_t j = 0; j < c.series.size(); ++j) {
        const Series& s = c.series[j];
        out += fmt::format("<g class=\"series s{}\">", s.style);
        for (size_t i = 0; i < c.labels.size() && i < s.values.size(); ++i) {
            double v = s.values[i].value_or(0);
            if (v <= 0) continue;
            double x0 =
                stacked ? f.x(i) - bw / 2 : f.x(i) - f.band() * 0.4 + static_cast<double>(j) * bw;
            double y0 = f.y(base[i] + v), h = f.y(base[i]) - y0;
            out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\">{}</rect>",
                               num(x0), num(y0), num(bw), num(h), f.tip(i, s, v));
            if (stacked) base[i] += v;
        }
        out += "</g>";
    }
    return out + "</svg>";
}

std::string hbar_chart(const Chart& c) {
    constexpr double row = 24, label_w = 132, foot = 26;
    double h = top + row * static_cast<double>(std::max<size_t>(c.labels.size(), 1)) + foot;
    Axis axis = axis_for(largest(c, true), c.unit);
    double plot_w = width - label_w - right;
    auto x = [&](double v) { return label_w + v / axis.max * plot_w; };
    std::string out = svg_open(c, h);
    out += "<g class=\"grid\">";
    for (double v = 0; v <= axis.max + axis.step / 2; v += axis.step)
        out += fmt::format("<line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>", num(x(v)), num(x(v)),
                           num(top), num(h - foot));
    out += "</g><g class=\"axis\">";
    for (double v = 0; v <= axis.max + axis.step / 2; v += axis.step)
        out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>", num(x(v)),
                           num(h - foot + 16), html_text(format_value(v, c.unit)));
    for (size_t i = 0; i < c.labels.size(); ++i)
        out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\"><title>{}</title>{}</text>",
                           num(label_w - 6), num(top + row * static_cast<double>(i) + row / 2 + 4),
                           html_text(c.labels[i]), html_text(cut(c.labels[i], 18)));
    out += "</g>";
    std::vector<double> base(c.labels.size(), 0);
    for (const Series& s : c.series) {
        out += fmt::format("<g class=\"series s{}\">", s.style);
        for (size_t i = 0; i < c.labels.size() && i < s.values.size(); ++i) {
            double v = s.values[i].value_or(0);
            if (v <= 0) continue;
            double x0 = x(base[i]), w = x(base[i] + v) - x0;
            out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"><title>{}: {} "
                               "{}</title></rect>",
                               num(x0), num(top + row * static_cast<double>(i) + 4), num(w),
                               num(row - 8), html_text(c.labels[i]), html_text(s.name),
                               html_text(format_value(v, c.unit)));
            base[i] += v;
        }
        out += "</g>";
    }
    return out + "</svg>";
}

} // namespace hd::svg
