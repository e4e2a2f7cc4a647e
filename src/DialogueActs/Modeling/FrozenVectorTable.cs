using TorchSharp;
using static TorchSharp.torch;

namespace DialogueActs.Modeling;

/// <summary>
/// The module of <see cref="PretrainedVectorFeature"/>: a frozen table of pretrained word vectors, stored as
/// 8-bit integers with one float scale per row (the row's largest magnitude over 127), so GloVe 6B 100d's
/// 341,479 words take 35 MB instead of 137. Both live in buffers, never in the optimiser; training and
/// tagging read the same rounded values. Rows the table was not given (padding, unknown, empty) are zero.
/// </summary>
public sealed class FrozenVectorTable : nn.Module<Tensor, Tensor>
{
    private readonly Tensor _values;
    private readonly Tensor _scales;

    /// <summary>Creates a table of zeros.</summary>
    /// <param name="rows">Rows: the pretrained vocabulary's size.</param>
    /// <param name="dimension">Vector size.</param>
    public FrozenVectorTable(int rows, int dimension) : base(nameof(FrozenVectorTable))
    {
        Rows = rows;
        Dimension = dimension;
        _values = torch.zeros(rows, dimension, dtype: ScalarType.Int8);                                  // [rows, D]
        _scales = torch.zeros(rows, dtype: ScalarType.Float32);                                          // [rows]
        register_buffer("values", _values);
        register_buffer("scales", _scales);
    }

    /// <summary>Rows of the table.</summary>
    public int Rows { get; }

    /// <summary>Size of each vector.</summary>
    public int Dimension { get; }

    /// <summary>Fills the table from row-major float vectors, rounding each row to 8 bits with its own scale.</summary>
    /// <param name="matrix"><c>[Rows, Dimension]</c>, row-major.</param>
    /// <exception cref="ArgumentException">The matrix has another size, or a value is not finite.</exception>
    public void Load(float[] matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.LongLength != (long)Rows * Dimension)
            throw new ArgumentException($"Expected {Rows} × {Dimension} values but got {matrix.LongLength}.", nameof(matrix));
        var values = new sbyte[matrix.Length];
        var scales = new float[Rows];
        for (int row = 0; row < Rows; row++)
        {
            var vector = matrix.AsSpan(row * Dimension, Dimension);
            float largest = 0;
            foreach (float v in vector)
            {
                if (!float.IsFinite(v)) throw new ArgumentException($"Row {row} holds a value that is not finite.", nameof(matrix));
                largest = Math.Max(largest, Math.Abs(v));
            }
            float scale = largest / 127f;
            scales[row] = scale;
            for (int k = 0; k < Dimension; k++)
                values[row * Dimension + k] = scale == 0 ? (sbyte)0 : (sbyte)Math.Clamp(MathF.Round(vector[k] / scale), -127, 127);
        }
        using var noGrad = torch.no_grad();
        using var valueTensor = torch.tensor(values, new long[] { Rows, Dimension });   // [rows, D]
        using var scaleTensor = torch.tensor(scales);                                                   // [rows]
        _values.copy_(valueTensor);
        _scales.copy_(scaleTensor);
    }

    /// <summary>The vectors of table rows.</summary>
    /// <param name="ids">Row ids, <c>[n]</c>, int64.</param>
    /// <returns><c>[n, Dimension]</c>, float32.</returns>
    public override Tensor forward(Tensor ids)
    {
        using var scope = torch.NewDisposeScope();
        var values = _values.index_select(0, ids).to_type(ScalarType.Float32);                          // [n, D]
        var scales = _scales.index_select(0, ids).unsqueeze(1);                                         // [n, 1]
        return (values * scales).MoveToOuterDisposeScope();                                             // [n, D]
    }
}
