//! How sensitive a small physical model, solved with nalgebra, is to its
//! parameters: the tip deflection of a spring truss as a function of every
//! spring's stiffness, differentiated exactly with dual numbers.
//!
//! The model: a cantilever truss of 7 × 3 nodes, 1 m apart. The left column
//! is bolted to a wall; the other 18 nodes are free, and their x and y
//! displacements are the 36 unknowns u. 42 linear springs (three chords,
//! the verticals and one diagonal a cell) join them, spring e with
//! stiffness k_e, the parameters (nominal values by kind, with a fixed
//! ±20% scatter). The top chord carries a deck load and the tip a point
//! load, f. For small displacements, spring e from node a to node b, with
//! unit direction n_e, stretches by δ_e = n_e · (u_b − u_a) = c_eᵀu and
//! pulls with k_e δ_e, so the steady state solves
//!
//! ```text
//! K(k) u = f,   K(k) = Σ_e k_e c_e c_eᵀ   (blocks ±k_e n_e n_eᵀ at (a,a), (b,b), (a,b), (b,a)),
//! ```
//!
//! K symmetric positive definite, by Cholesky on a nalgebra `DMatrix`. The
//! solver, `displacements`, is written once, generic over
//! `T: nalgebra::RealField + Copy`: with `T = f64` it gives u, and with
//! `T = DualVec64<8>` (the `nalgebra` feature makes every number type of
//! the crate a `RealField`) the same code carries 8 exact partial
//! derivatives ∂u/∂k_e through the assembly and the factorization, so the
//! 42 sensitivities of the observed node take ⌈42/8⌉ = 6 passes.
//!
//! They are checked in plain f64 against the adjoint closed form
//! ∂u_j/∂k_e = −λᵀ (∂K/∂k_e) u = −(c_eᵀλ)(c_eᵀu), λ = K⁻¹ e_j, against
//! central finite differences (3 and 5 points), and against Euler's
//! identity for a function homogeneous of degree −1 in k:
//! Σ_e k_e ∂u_j/∂k_e = −u_j. The example asserts agreement to 1e-9
//! relative (1e-6 for the 3-point differences, which the rounding of the
//! solves keeps near 1e-8). By Euler's identity the shares of the springs
//! in the deflection, −(k_e/u_j) ∂u_j/∂k_e, sum to 1: the table lists the
//! largest.
//!
//! The picture, `spring_network.svg`: the undeformed truss in light grey,
//! the deformed one (displacements magnified) with each spring coloured by
//! its share, and the shares as bars.
//!
//! Run with
//!
//! ```text
//! cargo run --release --features nalgebra --example spring_network [DIR]
//! ```
//!
//! The picture goes to `DIR` (default `target/plots/`).

mod common;

use autodiff::prelude::*;
use common::plot::{color, save_panels, Chart, Legend, Style};
use nalgebra::{DMatrix, DVector, RealField};
use plotters::style::{RGBColor, BLACK};

/// Columns and rows of the grid of nodes.
const COLS: usize = 7;
const ROWS: usize = 3;
/// The node whose displacement is observed: the bottom node of the tip.
const OBSERVED: (usize, usize) = (COLS - 1, 0);
/// Lanes of `DualVec64` per pass: the derivatives with respect to this many
/// springs are carried at once.
const LANES: usize = 8;

/// The node at column `c`, row `r`.
fn node(c: usize, r: usize) -> usize {
    c * ROWS + r
}

/// The kinds of springs, each with its stiffness in N/m.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Chord,
    Vertical,
    Diagonal,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Chord => "chord",
            Kind::Vertical => "vertical",
            Kind::Diagonal => "diagonal",
        }
    }
}

/// A spring from node `a` to node `b`.
struct Spring {
    a: usize,
    b: usize,
    kind: Kind,
    /// The stiffness of the model as built, N/m: the point at which the
    /// sensitivities are taken.
    k: f64,
}

/// Nodes, springs and loads.
struct Network {
    /// Undeformed position of each node, m.
    pos: Vec<(f64, f64)>,
    /// Index of each node's x displacement in u (y is the next one), or
    /// `None` for a node bolted to the wall.
    dof: Vec<Option<usize>>,
    /// The number of unknowns.
    n: usize,
    springs: Vec<Spring>,
    /// (node, force in N).
    loads: Vec<(usize, (f64, f64))>,
}

impl Network {
    /// The cantilever truss: left column anchored, deck load on the top
    /// chord, a point load at the tip.
    fn cantilever() -> Self {
        let mut pos = vec![(0.0, 0.0); COLS * ROWS];
        let mut dof = vec![None; COLS * ROWS];
        let mut n = 0;
        for c in 0..COLS {
            for r in 0..ROWS {
                pos[node(c, r)] = (c as f64, r as f64);
                if c > 0 {
                    dof[node(c, r)] = Some(n);
                    n += 2;
                }
            }
        }
        let mut springs = Vec::new();
        let mut add = |a, b, kind| {
            let nominal = match kind {
                Kind::Chord => 200e6,
                Kind::Vertical => 80e6,
                Kind::Diagonal => 120e6,
            };
            // A fixed scatter of ±20% about the nominal stiffness.
            let scatter = 1.0 + 0.2 * (2.4 * springs.len() as f64 + 0.5).sin();
            springs.push(Spring { a, b, kind, k: nominal * scatter });
        };
        // Column by column from the wall, so spring numbers grow to the tip.
        for c in 0..COLS {
            if c > 0 {
                for r in 0..ROWS - 1 {
                    add(node(c, r), node(c, r + 1), Kind::Vertical);
                }
            }
            if c + 1 < COLS {
                for r in 0..ROWS {
                    add(node(c, r), node(c + 1, r), Kind::Chord);
                }
                for r in 0..ROWS - 1 {
                    if c % 2 == 0 {
                        add(node(c, r), node(c + 1, r + 1), Kind::Diagonal);
                    } else {
                        add(node(c, r + 1), node(c + 1, r), Kind::Diagonal);
                    }
                }
            }
        }
        let mut loads: Vec<(usize, (f64, f64))> =
            (1..COLS).map(|c| (node(c, ROWS - 1), (0.0, -4e3))).collect();
        loads.push((node(COLS - 1, ROWS / 2), (0.0, -12e3)));
        Network { pos, dof, n, springs, loads }
    }

    /// The stretch of spring `s` is c_sᵀu: its (index in u, coefficient)
    /// pairs, ±n_s at the free ends.
    fn stretch_terms(&self, s: &Spring) -> Vec<(usize, f64)> {
        let ((xa, ya), (xb, yb)) = (self.pos[s.a], self.pos[s.b]);
        let len = (xb - xa).hypot(yb - ya);
        let (nx, ny) = ((xb - xa) / len, (yb - ya) / len);
        let mut terms = Vec::with_capacity(4);
        for (end, sign) in [(s.a, -1.0), (s.b, 1.0)] {
            if let Some(i) = self.dof[end] {
                terms.push((i, sign * nx));
                terms.push((i + 1, sign * ny));
            }
        }
        terms
    }

    /// c_sᵀu in f64.
    fn stretch(&self, s: &Spring, u: &DVector<f64>) -> f64 {
        self.stretch_terms(s).iter().map(|&(i, c)| c * u[i]).sum()
    }

    /// The displacement of node `p` (zero at the wall).
    fn at(&self, p: usize, u: &DVector<f64>) -> (f64, f64) {
        self.dof[p].map_or((0.0, 0.0), |i| (u[i], u[i + 1]))
    }

    /// The stiffnesses of the model as built.
    fn k(&self) -> Vec<f64> {
        self.springs.iter().map(|s| s.k).collect()
    }
}

/// K(k) = Σ_e k_e c_e c_eᵀ, for any real field T: f64 or a dual number.
fn stiffness<T: RealField + Copy>(net: &Network, k: &[T]) -> DMatrix<T> {
    let mut kk = DMatrix::<T>::zeros(net.n, net.n);
    for (s, &ke) in net.springs.iter().zip(k) {
        let terms = net.stretch_terms(s);
        for &(i, ci) in &terms {
            for &(j, cj) in &terms {
                kk[(i, j)] += ke * nalgebra::convert::<f64, T>(ci * cj);
            }
        }
    }
    kk
}

/// The steady state u = K(k)⁻¹ f, by Cholesky, for any real field T.
fn displacements<T: RealField + Copy>(net: &Network, k: &[T]) -> DVector<T> {
    let mut f = DVector::<T>::zeros(net.n);
    for &(p, (fx, fy)) in &net.loads {
        let i = net.dof[p].expect("loads act on free nodes");
        f[i] += nalgebra::convert::<f64, T>(fx);
        f[i + 1] += nalgebra::convert::<f64, T>(fy);
    }
    let chol = stiffness(net, k).cholesky().expect("K is positive definite: the truss is rigid");
    chol.solve(&f)
}

/// max_e |a_e − b_e| / max_e |b_e|: the difference relative to the size of
/// the sensitivities (some of which are nearly 0).
fn rel_diff(a: &[f64], b: &[f64]) -> f64 {
    let scale = b.iter().fold(0.0f64, |m, x| m.max(x.abs()));
    a.iter().zip(b).fold(0.0f64, |m, (x, y)| m.max((x - y).abs())) / scale
}

/// [`rel_diff`] of (u_x, u_y) each.
fn rel_diffs(a: &[Vec<f64>], b: &[Vec<f64>]) -> [f64; 2] {
    [rel_diff(&a[0], &b[0]), rel_diff(&a[1], &b[1])]
}

/// Steps of the central differences, relative to k_e.
const FD3_STEP: f64 = 1e-4;
const FD5_STEP: f64 = 2e-3;

/// Central differences ∂u_j/∂k_e ≈ Σ w (u_j(k_e + s·h) − u_j(k_e − s·h)) / h
/// over the stencil's (w, s), with h = `step`·k_e, for the two unknowns
/// `j`, for every spring e: `[component][spring]`.
fn central_differences(
    net: &Network,
    k0: &[f64],
    j: [usize; 2],
    stencil: &[(f64, f64)],
    step: f64,
) -> Vec<Vec<f64>> {
    let mut out = vec![vec![0.0; k0.len()]; 2];
    for e in 0..k0.len() {
        let h = step * k0[e];
        let solve_at = |ke: f64| {
            let mut k = k0.to_vec();
            k[e] = ke;
            let u = displacements(net, &k);
            [u[j[0]], u[j[1]]]
        };
        for &(w, s) in stencil {
            let (plus, minus) = (solve_at(k0[e] + s * h), solve_at(k0[e] - s * h));
            for c in 0..2 {
                out[c][e] += w * (plus[c] - minus[c]) / h;
            }
        }
    }
    out
}

/// `(c, r)` of a node, for printing.
fn name(p: usize) -> String {
    format!("({},{})", p / ROWS, p % ROWS)
}

/// A share s as a colour: yellow at 0 through orange to dark red at `max`
/// (on a square-root scale, so that small shares still show), light to
/// dark blue down to `-max`.
fn share_color(s: f64, max: f64) -> RGBColor {
    let t = (s / max).clamp(-1.0, 1.0);
    let stops: &[(f64, f64, f64)] = if t >= 0.0 {
        &[(250.0, 200.0, 80.0), (240.0, 100.0, 30.0), (130.0, 0.0, 30.0)]
    } else {
        &[(150.0, 190.0, 225.0), (80.0, 140.0, 200.0), (20.0, 70.0, 150.0)]
    };
    let x = t.abs().sqrt() * (stops.len() - 1) as f64;
    let i = (x.floor() as usize).min(stops.len() - 2);
    let (w, a, b) = (x - i as f64, stops[i], stops[i + 1]);
    let mix = |a: f64, b: f64| (a + (b - a) * w).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// The largest of 1, 2, 5 × 10ᵏ not above x.
fn round_down_125(x: f64) -> f64 {
    let p = 10f64.powf(x.log10().floor());
    [5.0, 2.0, 1.0].into_iter().map(|m| m * p).find(|&v| v <= x).unwrap_or(p)
}

fn main() -> common::plot::Result {
    let net = Network::cantilever();
    let k0 = net.k();
    let m = k0.len();
    let (jx, jy) = {
        let i = net.dof[node(OBSERVED.0, OBSERVED.1)].expect("the observed node is free");
        (i, i + 1)
    };
    println!(
        "cantilever truss: {} nodes ({} free, {} unknowns), {m} springs, {} loads",
        net.pos.len(),
        net.n / 2,
        net.n,
        net.loads.len()
    );

    // (1) The steady state, in f64.
    let u = displacements(&net, &k0);
    let obs = name(node(OBSERVED.0, OBSERVED.1));
    println!(
        "displacement of node {obs}: u_x = {:.6} mm, u_y = {:.6} mm",
        1e3 * u[jx],
        1e3 * u[jy]
    );

    // (2) ∂(u_x, u_y)/∂k by AD: the same generic solver on DualVec64<LANES>,
    // LANES springs seeded per pass.
    let (values, jac) = jacobian_slice_chunked::<_, LANES>(
        |k| {
            let u = displacements(&net, k);
            vec![u[jx], u[jy]]
        },
        &k0,
    );
    for (v, j) in values.iter().zip([jx, jy]) {
        assert!((v - u[j]).abs() <= 1e-14 * u[j].abs(), "the dual solve's value is the f64 one");
    }
    println!(
        "∂u/∂k_e for all {m} springs by AD: {} passes of DualVec64<{LANES}> through the Cholesky solve",
        m.div_ceil(LANES)
    );

    // (3a) The adjoint closed form in f64: λ = K⁻¹ e_j, one solve per output,
    // then ∂u_j/∂k_e = −λᵀ (∂K/∂k_e) u = −(c_eᵀλ)(c_eᵀu).
    let chol = stiffness(&net, &k0).cholesky().expect("K is positive definite");
    let adjoint: Vec<Vec<f64>> = [jx, jy]
        .iter()
        .map(|&j| {
            let lambda =
                chol.solve(&DVector::from_fn(net.n, |i, _| if i == j { 1.0 } else { 0.0 }));
            net.springs.iter().map(|s| -net.stretch(s, &lambda) * net.stretch(s, &u)).collect()
        })
        .collect();
    // (3b) Central differences, of order 2 (3 points) and 4 (5 points).
    let fd3 = central_differences(&net, &k0, [jx, jy], &[(0.5, 1.0)], FD3_STEP);
    let fd5 = central_differences(
        &net,
        &k0,
        [jx, jy],
        &[(8.0 / 12.0, 1.0), (-1.0 / 12.0, 2.0)],
        FD5_STEP,
    );
    // (3c) u is homogeneous of degree −1 in k (K(αk) = αK(k)), so by
    // Euler's identity Σ_e k_e ∂u/∂k_e = −u.
    let euler: Vec<f64> = (0..2)
        .map(|c| {
            let uj = [u[jx], u[jy]][c];
            let sum: f64 = jac[c].iter().zip(&k0).map(|(d, k)| d * k).sum();
            (sum + uj).abs() / uj.abs()
        })
        .collect();
    println!(
        "check of the AD sensitivities, max |difference| / max |∂u/∂k_e| over the {m} springs:"
    );
    println!("{:<46}  {:>8}  {:>8}", "", "u_x", "u_y");
    let rows = [
        ("adjoint −(c_eᵀλ)(c_eᵀu), λ = K⁻¹e_j".to_string(), rel_diffs(&jac, &adjoint)),
        (format!("central differences, 3 points, h = {FD3_STEP:.0e}·k_e"), rel_diffs(&jac, &fd3)),
        (format!("central differences, 5 points, h = {FD5_STEP:.0e}·k_e"), rel_diffs(&jac, &fd5)),
        ("Euler |Σ_e k_e ∂u/∂k_e + u| / |u|".to_string(), [euler[0], euler[1]]),
    ];
    for (label, [dx, dy]) in &rows {
        println!("{label:<46}  {dx:>8.1e}  {dy:>8.1e}");
    }
    let worst = |r: usize| rows[r].1[0].max(rows[r].1[1]);
    assert!(worst(0) < 1e-9, "AD and the adjoint closed form disagree: {:e}", worst(0));
    assert!(worst(1) < 1e-6, "AD and 3-point central differences disagree: {:e}", worst(1));
    assert!(worst(2) < 1e-9, "AD and 5-point central differences disagree: {:e}", worst(2));
    assert!(worst(3) < 1e-9, "Euler's identity fails: {:e}", worst(3));
    let eigenvalues = stiffness(&net, &k0).symmetric_eigenvalues();
    let cond = eigenvalues.max() / eigenvalues.min();
    println!("asserted: AD agrees with the adjoint, the 5-point differences and Euler to 1e-9");
    println!(
        "(and with the 3-point ones to 1e-6: their error h² against the rounding of each solve, \
         cond(K)·ε/h with cond(K) = {cond:.1e}, stops near 1e-8)"
    );

    // (4) The most influential springs for u_y: share −(k_e/u_y) ∂u_y/∂k_e.
    let share: Vec<f64> = (0..m).map(|e| -k0[e] * jac[1][e] / u[jy]).collect();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| share[b].abs().total_cmp(&share[a].abs()));
    println!("\nthe springs with the largest shares of u_y (Σ shares = 1; > 0: stiffer means less deflection)");
    println!(
        "{:>6}  {:<8}  {:<13}  {:>10}  {:>22}  {:>7}",
        "spring", "kind", "nodes", "k_e [MN/m]", "∂u_y/∂k_e [µm/(MN/m)]", "share"
    );
    for &e in order.iter().take(8) {
        let s = &net.springs[e];
        println!(
            "{e:>6}  {:<8}  {:<13}  {:>10.1}  {:>22.4}  {:>6.2}%",
            s.kind.name(),
            format!("{} – {}", name(s.a), name(s.b)),
            1e-6 * s.k,
            1e12 * jac[1][e],
            100.0 * share[e]
        );
    }
    let negative = share.iter().filter(|&&s| s < 0.0).count();
    println!(
        "{negative} of {m} springs have a negative share: stiffening them deflects the node more"
    );

    // The picture.
    let umax =
        (0..net.pos.len()).map(|p| net.at(p, &u)).fold(0.0f64, |a, (x, y)| a.max(x.hypot(y)));
    let scale = round_down_125(0.8 / umax);
    let moved = |p: usize| {
        let ((x, y), (dx, dy)) = (net.pos[p], net.at(p, &u));
        (x + scale * dx, y + scale * dy)
    };
    let smax = share.iter().fold(0.0f64, |a, s| a.max(s.abs()));
    let mut network = Chart::new(
        &format!(
            "Cantilever truss: displacements ×{scale}, springs coloured by share of u_y at {obs}"
        ),
        -0.6..7.4,
        -1.4..2.8,
    )
    .labels("x [m]", "y [m]")
    .legend(Legend::UpperRight);
    for (e, s) in net.springs.iter().enumerate() {
        let label = if e == 0 { "undeformed" } else { "" };
        let grey = Some(RGBColor(205, 205, 205));
        network = network.series(label, vec![net.pos[s.a], net.pos[s.b]], Style::Line, grey);
    }
    for (e, s) in net.springs.iter().enumerate() {
        let label = if e == order[0] { "deformed (red: large share, blue: < 0)" } else { "" };
        let c = Some(share_color(share[e], smax));
        network = network.series(label, vec![moved(s.a), moved(s.b)], Style::Thick, c);
    }
    let anchored = (0..ROWS).map(|r| net.pos[node(0, r)]).collect();
    network = network.series("anchored", anchored, Style::Ring, Some(BLACK));
    let load_color = color(2);
    for (i, &(p, (fx, fy))) in net.loads.iter().enumerate() {
        // An arrow 0.04 m per kN ending at the node.
        let (x, y) = moved(p);
        let tail = (x - 0.04e-3 * fx, y - 0.04e-3 * fy);
        let label = if i == 0 { "loads (0.04 m per kN)" } else { "" };
        network = network.series(label, vec![tail, (x, y)], Style::Line, Some(load_color));
        let head = vec![(x - 0.07, y + 0.12), (x, y), (x + 0.07, y + 0.12)];
        network = network.series("", head, Style::Line, Some(load_color));
    }
    network = network.series(
        &format!("observed node {obs}"),
        vec![moved(node(OBSERVED.0, OBSERVED.1))],
        Style::Ring,
        Some(color(0)),
    );

    let lo = share.iter().fold(0.0f64, |a, &s| a.min(s));
    let mut bars = Chart::new(
        &format!("Share of u_y at {obs}: −(k_e/u_y)·∂u_y/∂k_e by AD (bars), adjoint (dots)"),
        -1.0..m as f64,
        (lo - 0.1 * smax)..(1.15 * smax),
    )
    .labels("spring e (numbered from the wall to the tip)", "share")
    .legend(Legend::UpperRight);
    for (e, &s) in share.iter().enumerate() {
        let (x, c) = (e as f64, Some(share_color(s, smax)));
        bars = bars.series("", vec![(x, 0.0), (x, s)], Style::Thick, c);
    }
    let adjoint_share = (0..m).map(|e| (e as f64, -k0[e] * adjoint[1][e] / u[jy])).collect();
    bars = bars.series("adjoint closed form", adjoint_share, Style::Dots, Some(BLACK));

    let path = common::plot::out_dir().join("spring_network.svg");
    save_panels(
        &path,
        "Sensitivity of a spring truss to its stiffnesses (nalgebra Cholesky on dual numbers)",
        1,
        (900, 520),
        &[network, bars],
    )?;
    Ok(())
}
