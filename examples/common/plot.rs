//! Charts as SVG files, with `plotters`' SVG backend: text is written as
//! SVG `<text>` elements, so no font or system library is needed.
//!
//! [`Chart`] is a 2-D line/point chart with linear or logarithmic axes
//! (optionally over a heat map of a function of two variables);
//! [`save_panels`] puts several charts in one file; [`GridHeatMap`] is a
//! heat map of values on a grid with a colour bar; [`Surface`] is a 3-D
//! view of surfaces and curves.

use std::error::Error;
use std::ops::Range;
use std::path::{Path, PathBuf};

use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;

/// What every drawing function returns.
pub type Result<T = ()> = std::result::Result<T, Box<dyn Error>>;

/// A palette that stays distinct in print (matplotlib's "tab10").
pub const PALETTE: [RGBColor; 8] = [
    RGBColor(31, 119, 180),
    RGBColor(214, 39, 40),
    RGBColor(44, 160, 44),
    RGBColor(255, 127, 14),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(23, 190, 207),
];

/// Colour `i` of [`PALETTE`], cycling.
pub fn color(i: usize) -> RGBColor {
    PALETTE[i % PALETTE.len()]
}

/// The directory pictures go to: the first command-line argument, else
/// `target/plots/` of this workspace. It is created if missing.
pub fn out_dir() -> PathBuf {
    let dir = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target").join("plots"));
    std::fs::create_dir_all(&dir)
        .unwrap_or_else(|e| panic!("cannot create the plot directory {}: {e}", dir.display()));
    dir
}

/// `n + 1` evenly spaced points from `a` to `b`.
pub fn linspace(a: f64, b: f64, n: usize) -> impl Iterator<Item = f64> + Clone {
    (0..=n).map(move |i| a + (b - a) * i as f64 / n as f64)
}

/// `(x, f(x))` at `n + 1` evenly spaced points of `[a, b]`.
pub fn sample(f: impl Fn(f64) -> f64, a: f64, b: f64, n: usize) -> Vec<(f64, f64)> {
    linspace(a, b, n).map(|x| (x, f(x))).collect()
}

/// How a series is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Style {
    /// A solid line.
    Line,
    /// A thicker solid line, for the reference curve.
    Thick,
    /// A dashed line.
    Dashed,
    /// A marker at each point.
    Dots,
    /// A line through the points with a marker at each.
    LineDots,
    /// A large ring at each point, to mark a few points of interest.
    Ring,
}

/// One labelled series of a [`Chart`].
pub struct Series {
    label: String,
    points: Vec<(f64, f64)>,
    color: RGBColor,
    style: Style,
}

/// Where the legend goes.
#[derive(Clone, Copy, Debug)]
pub enum Legend {
    /// Top left corner.
    UpperLeft,
    /// Top right corner.
    UpperRight,
    /// Bottom left corner.
    LowerLeft,
    /// Bottom right corner.
    LowerRight,
}

/// A heat map under a chart: f(x, y) coloured from `lo` (dark blue) to
/// `hi` (yellow), in bands like a contour plot.
struct HeatMap {
    f: Box<dyn Fn(f64, f64) -> f64>,
    lo: f64,
    hi: f64,
}

/// A 2-D chart: title, axis names and ranges, series, legend.
pub struct Chart {
    title: String,
    x_label: String,
    y_label: String,
    x: Range<f64>,
    y: Range<f64>,
    log_x: bool,
    log_y: bool,
    legend: Legend,
    heat: Option<HeatMap>,
    series: Vec<Series>,
}

impl Chart {
    /// An empty chart over `x` × `y`.
    pub fn new(title: &str, x: Range<f64>, y: Range<f64>) -> Self {
        Chart {
            title: title.to_string(),
            x_label: "x".to_string(),
            y_label: String::new(),
            x,
            y,
            log_x: false,
            log_y: false,
            legend: Legend::UpperLeft,
            heat: None,
            series: Vec::new(),
        }
    }

    /// Names the axes.
    pub fn labels(mut self, x: &str, y: &str) -> Self {
        self.x_label = x.to_string();
        self.y_label = y.to_string();
        self
    }

    /// Logarithmic axes (the range must be positive).
    pub fn log(mut self, x: bool, y: bool) -> Self {
        self.log_x = x;
        self.log_y = y;
        self
    }

    /// Moves the legend.
    pub fn legend(mut self, at: Legend) -> Self {
        self.legend = at;
        self
    }

    /// Paints f(x, y) under the series, coloured from `lo` to `hi`.
    pub fn heat_map(mut self, f: impl Fn(f64, f64) -> f64 + 'static, lo: f64, hi: f64) -> Self {
        self.heat = Some(HeatMap { f: Box::new(f), lo, hi });
        self
    }

    /// Adds a series; colour `i` of the palette if `color` is `None`.
    pub fn series(
        mut self,
        label: &str,
        points: Vec<(f64, f64)>,
        style: Style,
        color: Option<RGBColor>,
    ) -> Self {
        let color = color.unwrap_or_else(|| self::color(self.series.len()));
        self.series.push(Series { label: label.to_string(), points, color, style });
        self
    }

    /// Adds a solid line in the next palette colour.
    pub fn line(self, label: &str, points: Vec<(f64, f64)>) -> Self {
        self.series(label, points, Style::Line, None)
    }

    /// Adds a dashed line in the next palette colour.
    pub fn dashed(self, label: &str, points: Vec<(f64, f64)>) -> Self {
        self.series(label, points, Style::Dashed, None)
    }

    /// Adds markers in the next palette colour.
    pub fn dots(self, label: &str, points: Vec<(f64, f64)>) -> Self {
        self.series(label, points, Style::Dots, None)
    }

    /// Writes the chart alone to `path` (800 × 500) and prints the path.
    pub fn save(&self, path: &Path) -> Result {
        self.save_sized(path, (800, 500))
    }

    /// Writes the chart alone to `path` at `size` and prints the path.
    pub fn save_sized(&self, path: &Path, size: (u32, u32)) -> Result {
        save_svg(path, size, |root| self.draw_on(root))
    }

    /// Draws the chart on a drawing area (a file or one panel of one).
    pub fn draw_on<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result
    where
        DB::ErrorType: 'static,
    {
        // A log axis is drawn as a linear axis over log₁₀ of the values
        // with ticks labelled 1eN: plotters' own log axis drops every tick
        // below f64::EPSILON.
        let mut chart = ChartBuilder::on(area)
            .caption(&self.title, ("sans-serif", 20))
            .margin(12)
            .x_label_area_size(46)
            .y_label_area_size(70)
            .build_cartesian_2d(self.x_range(), self.y_range())?;
        self.draw_chart(&mut chart)
    }

    /// The x range as drawn (log₁₀ of it on a log axis).
    fn x_range(&self) -> Range<f64> {
        if self.log_x {
            self.x.start.log10()..self.x.end.log10()
        } else {
            self.x.clone()
        }
    }

    /// The y range as drawn (log₁₀ of it on a log axis).
    fn y_range(&self) -> Range<f64> {
        if self.log_y {
            self.y.start.log10()..self.y.end.log10()
        } else {
            self.y.clone()
        }
    }

    /// A point as drawn: log₁₀ of a coordinate on a log axis (NaN where it
    /// is not positive, so that it is left out).
    fn to_drawn(&self, (x, y): (f64, f64)) -> (f64, f64) {
        let t = |v: f64, log: bool| match (log, v > 0.0) {
            (false, _) => v,
            (true, true) => v.log10(),
            (true, false) => f64::NAN,
        };
        (t(x, self.log_x), t(y, self.log_y))
    }

    fn draw_chart<'a, DB>(
        &self,
        chart: &mut ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    ) -> Result
    where
        DB: DrawingBackend + 'a,
        DB::ErrorType: 'static,
    {
        if let Some(heat) = &self.heat {
            self.draw_heat_map(chart, heat)?;
        }
        let (log_x, log_y) = (self.log_x, self.log_y);
        let x_fmt = move |v: &f64| tick(*v, log_x);
        let y_fmt = move |v: &f64| tick(*v, log_y);
        chart
            .configure_mesh()
            .x_desc(self.x_label.as_str())
            .y_desc(self.y_label.as_str())
            .label_style(("sans-serif", 14))
            .axis_desc_style(("sans-serif", 16))
            .x_label_formatter(&x_fmt)
            .y_label_formatter(&y_fmt)
            .x_labels(10)
            .y_labels(14)
            .bold_line_style(BLACK.mix(0.12))
            .light_line_style(BLACK.mix(0.04))
            .draw()?;
        let mut labelled = false;
        for s in &self.series {
            labelled |= !s.label.is_empty();
            self.draw_series(chart, s)?;
        }
        if labelled {
            let position = match self.legend {
                Legend::UpperLeft => SeriesLabelPosition::UpperLeft,
                Legend::UpperRight => SeriesLabelPosition::UpperRight,
                Legend::LowerLeft => SeriesLabelPosition::LowerLeft,
                Legend::LowerRight => SeriesLabelPosition::LowerRight,
            };
            chart
                .configure_series_labels()
                .position(position)
                .label_font(("sans-serif", 14))
                .background_style(WHITE.mix(0.85))
                .border_style(BLACK.mix(0.4))
                .draw()?;
        }
        Ok(())
    }

    /// Draws one series, split into runs that stay inside the chart (SVG
    /// does not clip), with its legend entry once.
    fn draw_series<'a, DB>(
        &self,
        chart: &mut ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
        s: &Series,
    ) -> Result
    where
        DB: DrawingBackend + 'a,
        DB::ErrorType: 'static,
    {
        let color = s.color;
        let (width, dots) = match s.style {
            Style::Thick => (3, false),
            Style::Dots | Style::Ring => (0, true),
            Style::LineDots => (2, true),
            _ => (2, false),
        };
        let mut first = true;
        for run in self.runs(&s.points, dots && width == 0) {
            let anno = match s.style {
                Style::Dots => {
                    chart.draw_series(run.iter().map(|&p| Circle::new(p, 3, color.filled())))?
                }
                Style::Ring => chart
                    .draw_series(run.iter().map(|&p| Circle::new(p, 7, color.stroke_width(2))))?,
                Style::Dashed => chart.draw_series(DashedLineSeries::new(
                    run.iter().copied(),
                    8,
                    5,
                    color.stroke_width(2),
                ))?,
                _ => chart
                    .draw_series(LineSeries::new(run.iter().copied(), color.stroke_width(width)))?,
            };
            if first && !s.label.is_empty() {
                let anno = anno.label(s.label.as_str());
                if s.style == Style::Ring {
                    anno.legend(move |(x, y)| Circle::new((x + 10, y), 6, color.stroke_width(2)));
                } else if dots && width == 0 {
                    anno.legend(move |(x, y)| Circle::new((x + 10, y), 3, color.filled()));
                } else if s.style == Style::Dashed {
                    anno.legend(move |(x, y)| {
                        PathElement::new(vec![(x, y), (x + 8, y)], color.stroke_width(2))
                    });
                } else {
                    anno.legend(move |(x, y)| {
                        PathElement::new(vec![(x, y), (x + 20, y)], color.stroke_width(width))
                    });
                }
            }
            if dots && width > 0 {
                chart.draw_series(run.iter().map(|&p| Circle::new(p, 3, color.filled())))?;
            }
            first = false;
        }
        Ok(())
    }

    /// The parts of a series inside the chart (SVG does not clip): for
    /// markers, the points inside; for lines, the runs of the polyline
    /// clipped to the box. In drawn coordinates (log₁₀ on a log axis).
    fn runs(&self, points: &[(f64, f64)], dots: bool) -> Vec<Vec<(f64, f64)>> {
        let (xr, yr) = (self.x_range(), self.y_range());
        let (xlo, xhi) = (xr.start.min(xr.end), xr.start.max(xr.end));
        let (ylo, yhi) = (yr.start.min(yr.end), yr.start.max(yr.end));
        let points: Vec<(f64, f64)> = points.iter().map(|&p| self.to_drawn(p)).collect();
        let inside = |&(x, y): &(f64, f64)| {
            x.is_finite() && y.is_finite() && (xlo..=xhi).contains(&x) && (ylo..=yhi).contains(&y)
        };
        let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
        let mut run = Vec::new();
        if dots {
            for p in &points {
                if inside(p) {
                    run.push(*p);
                } else if !run.is_empty() {
                    runs.push(std::mem::take(&mut run));
                }
            }
        } else {
            for pair in points.windows(2) {
                let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
                if ![x0, y0, x1, y1].iter().all(|v| v.is_finite()) {
                    if !run.is_empty() {
                        runs.push(std::mem::take(&mut run));
                    }
                    continue;
                }
                // Liang–Barsky: the part t ∈ [t0, t1] of the segment in the box.
                let (dx, dy) = (x1 - x0, y1 - y0);
                let (mut t0, mut t1) = (0.0f64, 1.0f64);
                for (p, q) in [(-dx, x0 - xlo), (dx, xhi - x0), (-dy, y0 - ylo), (dy, yhi - y0)] {
                    if p == 0.0 {
                        if q < 0.0 {
                            t0 = 2.0;
                        }
                    } else if p < 0.0 {
                        t0 = t0.max(q / p);
                    } else {
                        t1 = t1.min(q / p);
                    }
                }
                if t0 > t1 {
                    if !run.is_empty() {
                        runs.push(std::mem::take(&mut run));
                    }
                    continue;
                }
                let a = (x0 + t0 * dx, y0 + t0 * dy);
                let b = (x0 + t1 * dx, y0 + t1 * dy);
                if run.last() != Some(&a) {
                    if !run.is_empty() {
                        runs.push(std::mem::take(&mut run));
                    }
                    run.push(a);
                }
                run.push(b);
            }
            if points.len() == 1 && inside(&points[0]) {
                run.push(points[0]);
            }
        }
        if !run.is_empty() {
            runs.push(run);
        }
        runs
    }

    fn draw_heat_map<DB>(
        &self,
        chart: &mut ChartContext<'_, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
        heat: &HeatMap,
    ) -> Result
    where
        DB: DrawingBackend,
        DB::ErrorType: 'static,
    {
        const N: usize = 80;
        let (x, y) = (&self.x, &self.y);
        let dx = (x.end - x.start) / N as f64;
        let dy = (y.end - y.start) / N as f64;
        let cells = (0..N).flat_map(|i| (0..N).map(move |j| (i, j))).map(|(i, j)| {
            let (x0, y0) = (x.start + i as f64 * dx, y.start + j as f64 * dy);
            let v = (heat.f)(x0 + dx / 2.0, y0 + dy / 2.0);
            Rectangle::new([(x0, y0), (x0 + dx, y0 + dy)], heat_color(v, heat.lo, heat.hi).filled())
        });
        chart.draw_series(cells)?;
        Ok(())
    }
}

/// The colour of `v` on a scale from `lo` to `hi`, in 12 bands (dark blue
/// through green to pale yellow), so that the bands read as contours. The
/// scale is a square root, so the bands are closer near `lo` (a minimum).
pub fn heat_color(v: f64, lo: f64, hi: f64) -> RGBColor {
    band_color(((v - lo) / (hi - lo)).clamp(0.0, 1.0).sqrt(), 12)
}

/// The colour of `t` ∈ [0, 1] on [`heat_color`]'s scale without the square
/// root, in `bands` bands: band k of t ∈ [k/bands, (k+1)/bands), dark blue
/// (k = 0) through green to pale yellow (k = bands − 1).
pub fn band_color(t: f64, bands: usize) -> RGBColor {
    let top = (bands - 1).max(1) as f64;
    let t = (t.clamp(0.0, 1.0) * bands as f64).floor().min(top) / top;
    // From (0.60 hue, dark) to (0.15 hue, light).
    let hsl = HSLColor(0.62 - 0.47 * t, 0.55, 0.30 + 0.50 * t);
    let (r, g, b) = hsl.rgb();
    RGBColor(r, g, b)
}

/// Tick labels: plain decimals, or powers of ten on a log axis (whose
/// drawn coordinate is log₁₀ of the value).
fn tick(v: f64, log: bool) -> String {
    if log {
        // v is log₁₀ of the value: label the powers of ten only.
        let e = v.round() + 0.0; // + 0.0 turns −0 into 0
        return if (v - e).abs() < 1e-9 { format!("1e{e}") } else { String::new() };
    }
    let s = format!("{:.4}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// Prints where a picture went.
pub fn wrote(path: &Path) {
    println!("wrote {}", path.display());
}

/// Writes several charts side by side into one file, `cols` per row, each
/// panel `panel` pixels, under a title; prints the path.
pub fn save_panels(
    path: &Path,
    title: &str,
    cols: usize,
    panel: (u32, u32),
    charts: &[Chart],
) -> Result {
    let rows = charts.len().div_ceil(cols);
    let size = (panel.0 * cols as u32, panel.1 * rows as u32 + 40);
    save_svg(path, size, |root| {
        let root = root.titled(title, ("sans-serif", 24))?;
        for (chart, area) in charts.iter().zip(root.split_evenly((rows, cols))) {
            chart.draw_on(&area)?;
        }
        Ok(())
    })
}

/// Writes an SVG file of `size` pixels at `path`: a white page on which
/// `draw` draws; then prints the path. Every `save` here goes through it.
pub fn save_svg(
    path: &Path,
    size: (u32, u32),
    draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, Shift>) -> Result,
) -> Result {
    {
        let root = SVGBackend::new(path, size).into_drawing_area();
        root.fill(&WHITE)?;
        draw(&root)?;
        root.present()?;
    }
    wrote(path);
    Ok(())
}

/// Values on a rectangular grid of cells drawn as a heat map, in linear
/// colour bands (which read as contours), with a colour bar beside it.
///
/// Cell (row r, column c) is `values[r * cols + c]` and covers the r-th
/// strip of `y` from the bottom and the c-th strip of `x` from the left.
/// Cells of one band next to each other in a row are drawn as one
/// rectangle, so the file grows with the number of band crossings, not
/// with the number of cells.
pub struct GridHeatMap {
    title: String,
    x_label: String,
    y_label: String,
    x: Range<f64>,
    y: Range<f64>,
    cols: usize,
    values: Vec<f64>,
    bands: usize,
    bar_label: String,
}

impl GridHeatMap {
    /// The heat map of `values`, `cols` cells a row, over `x` × `y`, in 12
    /// bands from the smallest value to the largest.
    ///
    /// # Panics
    ///
    /// If `values` is empty or not a whole number of rows of `cols`.
    pub fn new(title: &str, x: Range<f64>, y: Range<f64>, cols: usize, values: Vec<f64>) -> Self {
        assert!(
            cols > 0 && !values.is_empty() && values.len() % cols == 0,
            "GridHeatMap::new: {} values are not whole rows of {cols}",
            values.len()
        );
        GridHeatMap {
            title: title.to_string(),
            x_label: "x".to_string(),
            y_label: "y".to_string(),
            x,
            y,
            cols,
            values,
            bands: 12,
            bar_label: String::new(),
        }
    }

    /// Names the axes and the colour bar.
    pub fn labels(mut self, x: &str, y: &str, bar: &str) -> Self {
        self.x_label = x.to_string();
        self.y_label = y.to_string();
        self.bar_label = bar.to_string();
        self
    }

    /// The number of colour bands (at least 2).
    pub fn bands(mut self, bands: usize) -> Self {
        self.bands = bands.max(2);
        self
    }

    /// The smallest and the largest value (the ends of the colour bar).
    fn range(&self) -> (f64, f64) {
        let lo = self.values.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = self.values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if hi > lo {
            (lo, hi)
        } else {
            (lo, lo + 1.0)
        }
    }

    /// The band of `v`, 0 to `bands − 1`.
    fn band(&self, v: f64, (lo, hi): (f64, f64)) -> usize {
        let t = ((v - lo) / (hi - lo)).clamp(0.0, 1.0);
        ((t * self.bands as f64) as usize).min(self.bands - 1)
    }

    /// The colour of band `k`.
    fn band_color(&self, k: usize) -> RGBColor {
        band_color((k as f64 + 0.5) / self.bands as f64, self.bands)
    }

    /// Writes the map to `path` at `size` and prints the path.
    pub fn save_sized(&self, path: &Path, size: (u32, u32)) -> Result {
        save_svg(path, size, |root| self.draw_on(root))
    }

    /// Draws the map and, to its right, the colour bar on a drawing area.
    pub fn draw_on<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result
    where
        DB::ErrorType: 'static,
    {
        let area = area.titled(&self.title, ("sans-serif", 20))?;
        let (width, _) = area.dim_in_pixel();
        let (map_area, bar_area) = area.split_horizontally(width.saturating_sub(120));
        let range = self.range();
        let fmt = |v: &f64| tick(*v, false);

        let mut map = ChartBuilder::on(&map_area)
            .margin(12)
            .x_label_area_size(46)
            .y_label_area_size(56)
            .build_cartesian_2d(self.x.clone(), self.y.clone())?;
        map.configure_mesh()
            .disable_mesh()
            .x_desc(self.x_label.as_str())
            .y_desc(self.y_label.as_str())
            .label_style(("sans-serif", 14))
            .axis_desc_style(("sans-serif", 16))
            .x_label_formatter(&fmt)
            .y_label_formatter(&fmt)
            .draw()?;
        let rows = self.values.len() / self.cols;
        let dx = (self.x.end - self.x.start) / self.cols as f64;
        let dy = (self.y.end - self.y.start) / rows as f64;
        let mut cells = Vec::new();
        for (r, row) in self.values.chunks(self.cols).enumerate() {
            let (y0, y1) = (self.y.start + r as f64 * dy, self.y.start + (r + 1) as f64 * dy);
            let mut start = 0;
            while start < row.len() {
                let band = self.band(row[start], range);
                let mut end = start + 1;
                while end < row.len() && self.band(row[end], range) == band {
                    end += 1;
                }
                let (x0, x1) = (self.x.start + start as f64 * dx, self.x.start + end as f64 * dx);
                cells.push(Rectangle::new([(x0, y0), (x1, y1)], self.band_color(band).filled()));
                start = end;
            }
        }
        map.draw_series(cells)?;

        let (lo, hi) = range;
        let mut bar = ChartBuilder::on(&bar_area)
            .margin_top(12)
            .margin_bottom(58)
            .margin_right(12)
            .y_label_area_size(64)
            .build_cartesian_2d(0.0..1.0, lo..hi)?;
        bar.configure_mesh()
            .disable_mesh()
            .disable_x_axis()
            .y_desc(self.bar_label.as_str())
            .label_style(("sans-serif", 14))
            .axis_desc_style(("sans-serif", 16))
            .y_label_formatter(&fmt)
            .y_labels(self.bands + 1)
            .draw()?;
        let step = (hi - lo) / self.bands as f64;
        bar.draw_series((0..self.bands).map(|k| {
            let (v0, v1) = (lo + k as f64 * step, lo + (k + 1) as f64 * step);
            Rectangle::new([(0.0, v0), (1.0, v1)], self.band_color(k).filled())
        }))?;
        Ok(())
    }
}

/// One surface of a [`Surface`] view.
struct SurfaceSpec {
    label: String,
    f: Box<dyn Fn(f64, f64) -> f64>,
    x: Range<f64>,
    y: Range<f64>,
    color: RGBColor,
    alpha: f64,
    by_height: bool,
}

/// A labelled curve of a [`Surface`] view: its points (x, y, z), its colour.
type Curve3d = (String, Vec<(f64, f64, f64)>, RGBColor);

/// A 3-D view: surfaces z = f(x, y) and curves (x, y, z) in a box.
pub struct Surface {
    title: String,
    x: Range<f64>,
    y: Range<f64>,
    z: Range<f64>,
    surfaces: Vec<SurfaceSpec>,
    curves: Vec<Curve3d>,
}

impl Surface {
    /// An empty view of the box `x` × `y` × `z`.
    pub fn new(title: &str, x: Range<f64>, y: Range<f64>, z: Range<f64>) -> Self {
        Surface { title: title.to_string(), x, y, z, surfaces: Vec::new(), curves: Vec::new() }
    }

    /// Adds the surface z = f(x, y) over the whole box, coloured by height
    /// (`by_height`) or in `color`, with opacity `alpha`.
    pub fn surface(
        self,
        label: &str,
        f: impl Fn(f64, f64) -> f64 + 'static,
        color: RGBColor,
        alpha: f64,
        by_height: bool,
    ) -> Self {
        let (x, y) = (self.x.clone(), self.y.clone());
        self.patch(label, f, (x, y), color, alpha, by_height)
    }

    /// Adds the surface z = f(x, y) over `x` × `y` only.
    pub fn patch(
        mut self,
        label: &str,
        f: impl Fn(f64, f64) -> f64 + 'static,
        (x, y): (Range<f64>, Range<f64>),
        color: RGBColor,
        alpha: f64,
        by_height: bool,
    ) -> Self {
        self.surfaces.push(SurfaceSpec {
            label: label.to_string(),
            f: Box::new(f),
            x,
            y,
            color,
            alpha,
            by_height,
        });
        self
    }

    /// Adds a curve through the points (x, y, z), with a marker at each.
    pub fn curve(mut self, label: &str, points: Vec<(f64, f64, f64)>, color: RGBColor) -> Self {
        self.curves.push((label.to_string(), points, color));
        self
    }

    /// Writes the view to `path` (800 × 650) and prints the path.
    pub fn save(&self, path: &Path) -> Result {
        save_svg(path, (800, 650), |root| self.draw_on(root))
    }

    /// Draws the view on a drawing area.
    pub fn draw_on<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result
    where
        DB::ErrorType: 'static,
    {
        // plotters' 3-D axes are (x, y, z) with y vertical: our (x, y, z)
        // is drawn as (x, z, y).
        let (x, y, z) = (self.x.clone(), self.y.clone(), self.z.clone());
        let mut chart = ChartBuilder::on(area)
            .caption(&self.title, ("sans-serif", 20))
            .margin(16)
            .build_cartesian_3d(x.clone(), z.clone(), y.clone())?;
        chart.with_projection(|mut p| {
            p.yaw = -0.5;
            p.pitch = 0.35;
            p.scale = 0.85;
            p.into_matrix()
        });
        let fmt = |v: &f64| tick(*v, false);
        chart
            .configure_axes()
            .label_style(("sans-serif", 13))
            .light_grid_style(BLACK.mix(0.08))
            .max_light_lines(2)
            .x_formatter(&fmt)
            .y_formatter(&fmt)
            .z_formatter(&fmt)
            .draw()?;
        // Axis names beside the tick labels, which plotters puts on the
        // front edges for this view (yaw −0.5): x along y = y.end, y along
        // x = x.start, z up the edge at (x.end, y.end).
        let name = ("sans-serif", 18).into_font().color(&BLACK);
        let (dx, dy) = (x.end - x.start, y.end - y.start);
        chart.draw_series([
            Text::new("x", ((x.start + x.end) / 2.0, z.start, y.end + 0.3 * dy), name.clone()),
            Text::new("y", (x.start - 0.3 * dx, z.start, (y.start + y.end) / 2.0), name.clone()),
            Text::new("z", (x.end + 0.04 * dx, z.end, y.end + 0.04 * dy), name),
        ])?;
        const N: usize = 40;
        for spec in &self.surfaces {
            let (zlo, zhi) = (z.start, z.end);
            let (color, alpha, by_height) = (spec.color, spec.alpha, spec.by_height);
            let style = move |v: &f64| -> ShapeStyle {
                if by_height {
                    heat_color(*v, zlo, zhi).mix(alpha).filled()
                } else {
                    color.mix(alpha).filled()
                }
            };
            let (sx, sy) = (&spec.x, &spec.y);
            let anno = chart.draw_series(
                SurfaceSeries::xoz(
                    linspace(sx.start, sx.end, N),
                    linspace(sy.start, sy.end, N),
                    |a, b| (spec.f)(a, b).clamp(zlo, zhi),
                )
                .style_func(&style),
            )?;
            if !spec.label.is_empty() {
                let c = if by_height { heat_color(0.5, 0.0, 1.0) } else { color };
                anno.label(spec.label.as_str()).legend(move |(x, y)| {
                    Rectangle::new([(x, y - 5), (x + 20, y + 5)], c.filled())
                });
            }
        }
        for (label, points, color) in &self.curves {
            let color = *color;
            let anno = chart.draw_series(LineSeries::new(
                points.iter().map(|&(a, b, c)| (a, c, b)),
                color.stroke_width(3),
            ))?;
            if !label.is_empty() {
                anno.label(label.as_str()).legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 20, y)], color.stroke_width(3))
                });
            }
            chart.draw_series(
                points.iter().map(|&(a, b, c)| Circle::new((a, c, b), 3, color.filled())),
            )?;
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .label_font(("sans-serif", 14))
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK.mix(0.4))
            .draw()?;
        Ok(())
    }
}
