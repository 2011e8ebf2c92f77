//! The computations behind SEEDS.md's programs, written as a user of the
//! crate writes them. The examples print and plot them; `tests/seeds.rs`
//! checks every number against SEEDS.md.

use autodiff::prelude::*;

// --- 1. the derivative table ---------------------------------------------------------

/// One row of the derivative table: a function, its derivative by AD and in
/// closed form (plain `f64` formulas, never through the crate), the points
/// to show it at.
pub struct Row {
    /// The function, as a reader writes it.
    pub name: &'static str,
    /// Its derivative, as the textbook writes it.
    pub closed_form: &'static str,
    /// f(x), plain `f64`.
    pub f: fn(f64) -> f64,
    /// f'(x) by automatic differentiation.
    pub ad: fn(f64) -> f64,
    /// f'(x) from the closed form.
    pub exact: fn(f64) -> f64,
    /// Points inside the domain.
    pub points: &'static [f64],
}

/// The seed's piecewise example: 0 for x < 0, x² otherwise. Its
/// derivative, 0 or 2x, exists everywhere but is not differentiable at 0.
#[differentiable]
pub fn half_parabola(x: f64) -> f64 {
    if x < 0.0 {
        0.0
    } else {
        x * x
    }
}

/// x² e^(sin x), one of the table's compositions.
#[differentiable]
pub fn bump(x: f64) -> f64 {
    x * x * x.sin().exp()
}

/// (x² + 1)/(x² − 1), the table's quotient.
#[differentiable]
pub fn quotient(x: f64) -> f64 {
    (x * x + 1.0) / (x * x - 1.0)
}

/// The PReLU slope used in the table.
pub const PRELU_ALPHA: f64 = 0.25;
/// The ELU α used in the table.
pub const ELU_ALPHA: f64 = 1.0;

/// σ(x) = 1/(1 + e⁻ˣ) in plain `f64`, for the closed forms.
pub fn sigma(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// SEEDS.md's derivative table, row by row.
pub fn derivative_table() -> Vec<Row> {
    const WIDE: &[f64] = &[-2.0, -0.5, 0.5, 2.0];
    const POSITIVE: &[f64] = &[0.5, 1.0, 3.0];
    const UNIT: &[f64] = &[-0.5, 0.0, 0.5];
    vec![
        Row {
            name: "x^2.5",
            closed_form: "n·x^(n-1) = 2.5·x^1.5",
            f: |x| x.powf(2.5),
            ad: |x| derivative(|x| x.powf(Dual64::cst(2.5)), x),
            exact: |x| 2.5 * x.powf(1.5),
            points: POSITIVE,
        },
        Row {
            name: "x³",
            closed_form: "3x²",
            f: |x| x.powi(3),
            ad: |x| derivative(|x| x.powi(3), x),
            exact: |x| 3.0 * x * x,
            points: WIDE,
        },
        Row {
            name: "eˣ",
            closed_form: "eˣ",
            f: f64::exp,
            ad: |x| derivative(|x| x.exp(), x),
            exact: f64::exp,
            points: WIDE,
        },
        Row {
            name: "2ˣ",
            closed_form: "2ˣ ln 2",
            f: |x| 2f64.powf(x),
            ad: |x| derivative(|x| Dual64::cst(2.0).powf(x), x),
            exact: |x| 2f64.powf(x) * 2f64.ln(),
            points: WIDE,
        },
        Row {
            name: "ln x",
            closed_form: "1/x",
            f: f64::ln,
            ad: |x| derivative(|x| x.ln(), x),
            exact: |x| 1.0 / x,
            points: POSITIVE,
        },
        Row {
            name: "log₂ x",
            closed_form: "1/(x ln 2)",
            f: |x| x.log(2.0),
            ad: |x| derivative(|x| x.log(Dual64::cst(2.0)), x),
            exact: |x| 1.0 / (x * 2f64.ln()),
            points: POSITIVE,
        },
        Row {
            name: "sin x",
            closed_form: "cos x",
            f: f64::sin,
            ad: |x| derivative(|x| x.sin(), x),
            exact: f64::cos,
            points: WIDE,
        },
        Row {
            name: "cos x",
            closed_form: "-sin x",
            f: f64::cos,
            ad: |x| derivative(|x| x.cos(), x),
            exact: |x| -x.sin(),
            points: WIDE,
        },
        Row {
            name: "tan x",
            closed_form: "sec² x = 1/cos² x",
            f: f64::tan,
            ad: |x| derivative(|x| x.tan(), x),
            exact: |x| 1.0 / (x.cos() * x.cos()),
            points: UNIT,
        },
        Row {
            name: "arcsin x",
            closed_form: "1/√(1-x²)",
            f: f64::asin,
            ad: |x| derivative(|x| x.asin(), x),
            exact: |x| 1.0 / (1.0 - x * x).sqrt(),
            points: UNIT,
        },
        Row {
            name: "arccos x",
            closed_form: "-1/√(1-x²)",
            f: f64::acos,
            ad: |x| derivative(|x| x.acos(), x),
            exact: |x| -1.0 / (1.0 - x * x).sqrt(),
            points: UNIT,
        },
        Row {
            name: "arctan x",
            closed_form: "1/(1+x²)",
            f: f64::atan,
            ad: |x| derivative(|x| x.atan(), x),
            exact: |x| 1.0 / (1.0 + x * x),
            points: WIDE,
        },
        Row {
            name: "σ(x)",
            closed_form: "σ(1-σ)",
            f: sigma,
            ad: |x| derivative(|x| x.sigmoid(), x),
            exact: |x| sigma(x) * (1.0 - sigma(x)),
            points: WIDE,
        },
        Row {
            name: "tanh x",
            closed_form: "1 - tanh²",
            f: f64::tanh,
            ad: |x| derivative(|x| x.tanh(), x),
            exact: |x| 1.0 - x.tanh() * x.tanh(),
            points: WIDE,
        },
        Row {
            name: "ReLU",
            closed_form: "1 (x > 0), 0 (x ≤ 0)",
            f: |x| x.max(0.0),
            ad: |x| derivative(|x| x.relu(), x),
            exact: |x| if x > 0.0 { 1.0 } else { 0.0 },
            points: &[-1.0, 0.0, 1.0],
        },
        Row {
            name: "LeakyReLU",
            closed_form: "1 (x > 0), 0.01",
            f: |x| if x > 0.0 { x } else { 0.01 * x },
            ad: |x| derivative(|x| x.leaky_relu(0.01), x),
            exact: |x| if x > 0.0 { 1.0 } else { 0.01 },
            points: &[-1.0, 0.0, 1.0],
        },
        Row {
            name: "PReLU α=.25",
            closed_form: "1 (x > 0), α",
            f: |x| if x > 0.0 { x } else { PRELU_ALPHA * x },
            ad: |x| derivative(|x| x.leaky_relu(PRELU_ALPHA), x),
            exact: |x| if x > 0.0 { 1.0 } else { PRELU_ALPHA },
            points: &[-1.0, 0.0, 1.0],
        },
        Row {
            name: "ELU α=1",
            closed_form: "1 (x > 0), ELU + α",
            f: |x| if x > 0.0 { x } else { ELU_ALPHA * x.exp_m1() },
            ad: |x| derivative(|x| x.elu(ELU_ALPHA), x),
            exact: |x| if x > 0.0 { 1.0 } else { ELU_ALPHA * x.exp_m1() + ELU_ALPHA },
            points: &[-1.0, 0.0, 1.0],
        },
        Row {
            name: "(3x + 2)²",
            closed_form: "6(3x + 2)",
            f: |x| (3.0 * x + 2.0).powi(2),
            ad: |x| derivative(|x| (x * 3.0 + 2.0).powi(2), x),
            exact: |x| 6.0 * (3.0 * x + 2.0),
            points: WIDE,
        },
        Row {
            name: "e^(-x²/2)",
            closed_form: "-x e^(-x²/2)",
            f: |x| (-x * x / 2.0).exp(),
            ad: |x| derivative(|x| (-x * x / 2.0).exp(), x),
            exact: |x| -x * (-x * x / 2.0).exp(),
            points: WIDE,
        },
        Row {
            name: "x² e^(sin x)",
            closed_form: "(2x + x² cos x) e^(sin x)",
            f: bump,
            ad: |x| bump.grad(x),
            exact: |x| (2.0 * x + x * x * x.cos()) * x.sin().exp(),
            points: WIDE,
        },
        Row {
            name: "sin(cos x²)",
            closed_form: "-2x sin(x²) cos(cos x²)",
            f: |x| (x * x).cos().sin(),
            ad: |x| derivative(|x| (x * x).cos().sin(), x),
            exact: |x| -2.0 * x * (x * x).sin() * (x * x).cos().cos(),
            points: WIDE,
        },
        Row {
            name: "(x²+1)/(x²-1)",
            closed_form: "-4x/(x²-1)²",
            f: quotient,
            ad: |x| quotient.grad(x),
            exact: |x| -4.0 * x / (x * x - 1.0).powi(2),
            points: WIDE,
        },
        Row {
            name: "0 | x² (x<0 | x≥0)",
            closed_form: "0 (x < 0), 2x",
            f: half_parabola,
            ad: |x| half_parabola.grad(x),
            exact: |x| if x < 0.0 { 0.0 } else { 2.0 * x },
            points: &[-1.0, 0.0, 1.0],
        },
    ]
}

/// f(x, y) = x⁴ + y², the seed's function of two variables.
#[differentiable]
pub fn quartic_bowl(x: f64, y: f64) -> f64 {
    x.powi(4) + y * y
}

// --- 3. finite differences ---------------------------------------------------------

/// The forward difference quotient (f(x + h) − f(x))/h.
pub fn forward_difference(f: impl Fn(f64) -> f64, x: f64, h: f64) -> f64 {
    (f(x + h) - f(x)) / h
}

/// The backward difference quotient (f(x) − f(x − h))/h.
pub fn backward_difference(f: impl Fn(f64) -> f64, x: f64, h: f64) -> f64 {
    (f(x) - f(x - h)) / h
}

/// The central (symmetric) difference quotient (f(x + h) − f(x − h))/2h.
pub fn central_difference(f: impl Fn(f64) -> f64, x: f64, h: f64) -> f64 {
    (f(x + h) - f(x - h)) / (2.0 * h)
}

/// The step sizes of the seed's figure 12.9.
pub const SEED_STEPS: [f64; 3] = [3.0, 1.0, 0.1];

/// h = 1, 10^(-1/8), …, 1e-16: the sweep of the error plot.
pub fn step_sweep() -> Vec<f64> {
    (0..=128).map(|k| 10f64.powf(-(k as f64) / 8.0)).collect()
}

/// The errors |Δ − cos x| of the forward, backward and central quotients
/// of sin at `x` and of AD's derivative, for each h of [`step_sweep`].
pub fn difference_errors(x: f64) -> Vec<(f64, [f64; 4])> {
    let exact = x.cos();
    let ad = derivative(|x| x.sin(), x);
    step_sweep()
        .into_iter()
        .map(|h| {
            let e = |d: f64| (d - exact).abs();
            (
                h,
                [
                    e(forward_difference(f64::sin, x, h)),
                    e(backward_difference(f64::sin, x, h)),
                    e(central_difference(f64::sin, x, h)),
                    e(ad),
                ],
            )
        })
        .collect()
}

// --- 4. Taylor ----------------------------------------------------------------------

/// The value at `x` of the polynomial with coefficients `c` (c₀ + c₁x + …),
/// truncated after `n + 1` terms.
pub fn partial_sum(c: &[f64], n: usize, x: f64) -> f64 {
    c[..=n.min(c.len() - 1)].iter().rev().fold(0.0, |acc, &ck| acc * x + ck)
}

/// The seed's flat function: e^(−1/x²), and 0 at 0. Every derivative at 0
/// is 0, so its Taylor series there is 0, which is not the function.
#[differentiable]
pub fn flat(x: f64) -> f64 {
    if x == 0.0 {
        0.0
    } else {
        (-1.0 / (x * x)).exp()
    }
}

/// The binomial coefficient C(n, k).
pub fn binomial(n: usize, k: usize) -> f64 {
    (0..k).fold(1.0, |acc, i| acc * (n - i) as f64 / (i + 1) as f64)
}

// --- 5. gradient descent, 1-D ---------------------------------------------------------

/// The seed's function f(x) = ln(x⁴ + x³ + 2).
#[differentiable]
pub fn seed_loss(x: f64) -> f64 {
    (x.powi(4) + x.powi(3) + 2.0).ln()
}

/// The seed's start, steps and learning rates.
pub const DESCENT_START: f64 = -9.41;
/// Steps of the seed's loop.
pub const DESCENT_STEPS: usize = 5000;
/// The seed's learning rate, and the one that reaches the minimum.
pub const DESCENT_RATES: [f64; 2] = [0.001, 0.01];

/// Gradient descent x ← x − rate·f'(x) from `x0`, with f' by AD: every
/// iterate, `steps + 1` of them.
pub fn descend(f: impl Fn(Dual64) -> Dual64, x0: f64, rate: f64, steps: usize) -> Vec<f64> {
    let mut path = Vec::with_capacity(steps + 1);
    let mut x = x0;
    path.push(x);
    for _ in 0..steps {
        x -= rate * f.grad(x);
        path.push(x);
    }
    path
}

/// The seed's loop with its bug: it divides by f instead of by
/// x⁴ + x³ + 2 (`dfdx = (4x³ + 3x²)/f(x)`).
pub fn descend_with_seed_bug(x0: f64, rate: f64, steps: usize) -> f64 {
    let mut x = x0;
    for _ in 0..steps {
        x -= rate * (4.0 * x.powi(3) + 3.0 * x * x) / seed_loss(x);
    }
    x
}

// --- 6. gradient descent, 2-D ----------------------------------------------------------

/// Gradient descent on a function of two variables, gradient by AD.
pub fn descend_2d(
    f: impl Fn(DualVec64<2>, DualVec64<2>) -> DualVec64<2>,
    start: (f64, f64),
    rate: f64,
    steps: usize,
) -> Vec<(f64, f64)> {
    let mut path = vec![start];
    let (mut x, mut y) = start;
    for _ in 0..steps {
        let (gx, gy) = f.grad((x, y));
        x -= rate * gx;
        y -= rate * gy;
        path.push((x, y));
    }
    path
}

// --- 7. backprop ------------------------------------------------------------------------

/// The seed's inputs, target and learning rate.
pub const INPUTS: [f64; 2] = [40.0, 80.0];
/// The target output.
pub const TARGET: f64 = 60.0;
/// The learning rate.
pub const LEARNING_RATE: f64 = 1e-5;

/// The seed's 2-3-1 network: `w1[j]` holds hidden unit j's weights on x1
/// and x2, `w2[j]` the output weight on hidden unit j. Deriving
/// `Differentiable` lets AD return the gradient as a `Net` too.
#[derive(Differentiable, Clone, Copy, Debug, PartialEq)]
pub struct Net<T> {
    /// First layer: three units, two inputs each.
    pub w1: [[T; 2]; 3],
    /// Output layer: one weight per hidden unit.
    pub w2: [T; 3],
}

/// The seed's start: every first-layer weight 0.5, every output weight 1.
pub const START: Net<f64> = Net { w1: [[0.5; 2]; 3], w2: [1.0; 3] };

/// The hidden layer: three linear units, zⱼ = w1ⱼ₁ x1 + w1ⱼ₂ x2.
#[differentiable]
pub fn hidden(net: &Net<f64>, #[constant] x: [f64; 2]) -> [f64; 3] {
    net.w1.map(|w| w[0] * x[0] + w[1] * x[1])
}

/// The network's output, ŷ = Σⱼ w2ⱼ zⱼ.
#[differentiable]
pub fn predict(net: &Net<f64>, #[constant] x: [f64; 2]) -> f64 {
    let z = hidden(net, x);
    net.w2[0] * z[0] + net.w2[1] * z[1] + net.w2[2] * z[2]
}

/// The loss ½(y − ŷ)².
#[differentiable]
pub fn loss(net: &Net<f64>, #[constant] x: [f64; 2], #[constant] y: f64) -> f64 {
    0.5 * (y - predict(net, x)).powi(2)
}

/// ∂L/∂w by AD, shaped like the network.
pub fn loss_gradient(net: &Net<f64>) -> Net<f64> {
    (|n: &_| loss(n, INPUTS, TARGET)).grad(net)
}

/// ∂L/∂w by hand, as the seed does it: the chain rule written out.
pub fn loss_gradient_by_hand(net: &Net<f64>) -> Net<f64> {
    let z = hidden(net, INPUTS);
    let dl_dy = predict(net, INPUTS) - TARGET; // ∂L/∂ŷ = −(y − ŷ)
    Net {
        // ∂L/∂w1ⱼᵢ = ∂L/∂ŷ · w2ⱼ · xᵢ
        w1: [0, 1, 2].map(|j| INPUTS.map(|x| dl_dy * net.w2[j] * x)),
        // ∂L/∂w2ⱼ = ∂L/∂ŷ · zⱼ
        w2: z.map(|zj| dl_dy * zj),
    }
}

/// One step of gradient descent on the weights: each weight paired with its
/// derivative by `zip_map`, no index kept by hand.
pub fn train_step(net: &Net<f64>) -> Net<f64> {
    let g = loss_gradient(net);
    net.zip_map(&g, |w, gw| w - LEARNING_RATE * gw)
}

/// Trains from [`START`] until the loss is below `tolerance` (at most
/// `max_steps` steps): the loss before each step and after the last, and
/// the final network.
pub fn train(tolerance: f64, max_steps: usize) -> (Vec<f64>, Net<f64>) {
    let mut net = START;
    let mut losses = vec![loss(&net, INPUTS, TARGET)];
    while *losses.last().unwrap() >= tolerance && losses.len() <= max_steps {
        net = train_step(&net);
        losses.push(loss(&net, INPUTS, TARGET));
    }
    (losses, net)
}

// --- 8. composition: the seed's `Function` class ---------------------------------------

/// The seed's `Function` base class: a function you can call, with
/// `prime()`. Here `prime` is written once, by AD, for every function.
pub trait Function {
    /// The function, generic over the number type.
    fn call<T: Scalar>(&self, x: T) -> T;

    /// The derivative, exact, for free.
    fn prime(&self, x: f64) -> f64 {
        derivative(|x| self.call(x), x)
    }
}

/// The seed's `Linear(a, b)`: x ↦ ax + b.
pub struct Linear(pub f64, pub f64);

impl Function for Linear {
    fn call<T: Scalar>(&self, x: T) -> T {
        x * self.0 + self.1
    }
}

/// The seed's `Sigmoid`.
pub struct Sigmoid;

impl Function for Sigmoid {
    fn call<T: Scalar>(&self, x: T) -> T {
        x.sigmoid()
    }
}

/// The seed's `Composition(f1, f2, ...)`: applies a tuple of functions in
/// order, f1 first. Its `prime` is the chain rule, done by AD.
pub struct Composition<Fs>(pub Fs);

impl<A: Function, B: Function> Function for Composition<(A, B)> {
    fn call<T: Scalar>(&self, x: T) -> T {
        self.0 .1.call(self.0 .0.call(x))
    }
}

impl<A: Function, B: Function, C: Function> Function for Composition<(A, B, C)> {
    fn call<T: Scalar>(&self, x: T) -> T {
        self.0 .2.call(self.0 .1.call(self.0 .0.call(x)))
    }
}

// --- 9. SymPy's lab ----------------------------------------------------------------------

/// J = w².
#[differentiable]
pub fn j_square(w: f64) -> f64 {
    w * w
}

/// J = 2w.
#[differentiable]
pub fn j_double(w: f64) -> f64 {
    2.0 * w
}

/// J = w³.
#[differentiable]
pub fn j_cube(w: f64) -> f64 {
    w.powi(3)
}

/// J = 1/w.
#[differentiable]
pub fn j_inverse(w: f64) -> f64 {
    1.0 / w
}

/// J = 1/w².
#[differentiable]
pub fn j_inverse_square(w: f64) -> f64 {
    1.0 / (w * w)
}

/// One case of the SymPy lab: J, what `diff(J, w)` prints, that expression
/// as `f64` code, the lab's point, J as the lab's Python computes it, and
/// J' by AD.
pub struct LabCase {
    /// J as SymPy prints it.
    pub j: &'static str,
    /// `diff(J, w)` as SymPy prints it.
    pub sympy: &'static str,
    /// SymPy's expression, evaluated in `f64`.
    pub symbolic: fn(f64) -> f64,
    /// The lab's point w.
    pub w: f64,
    /// J(w) as the lab's Python computes it (`**` is C's `pow`), for the
    /// lab's arithmetic estimate.
    pub value: fn(f64) -> f64,
    /// J'(w) by AD.
    pub ad: fn(f64) -> f64,
}

/// The five cases of the lab, at the lab's points.
pub fn sympy_lab() -> [LabCase; 5] {
    [
        LabCase {
            j: "w**2",
            sympy: "2*w",
            symbolic: |w| 2.0 * w,
            w: 3.0,
            value: j_square,
            ad: |w| j_square.grad(w),
        },
        LabCase {
            j: "2*w",
            sympy: "2",
            symbolic: |_| 2.0,
            w: -3.0,
            value: j_double,
            ad: |w| j_double.grad(w),
        },
        LabCase {
            j: "w**3",
            sympy: "3*w**2",
            symbolic: |w| 3.0 * w * w,
            w: 2.0,
            value: |w| w.powf(3.0),
            ad: |w| j_cube.grad(w),
        },
        LabCase {
            j: "1/w",
            sympy: "-1/w**2",
            symbolic: |w| -1.0 / (w * w),
            w: 2.0,
            value: j_inverse,
            ad: |w| j_inverse.grad(w),
        },
        LabCase {
            j: "w**(-2)",
            sympy: "-2/w**3",
            symbolic: |w| -2.0 / w.powi(3),
            w: 4.0,
            value: |w| 1.0 / w.powf(2.0),
            ad: |w| j_inverse_square.grad(w),
        },
    ]
}

/// The lab's arithmetic estimate k = (J(w + ε) − J(w))/ε.
pub fn lab_estimate(j: fn(f64) -> f64, w: f64, epsilon: f64) -> f64 {
    (j(w + epsilon) - j(w)) / epsilon
}
