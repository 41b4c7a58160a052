/* seg-matrix.h — a plain row-major matrix of doubles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The clustering numerics (scaling, k-means, metrics, PCA) work on SegMatrix,
 * independent of SegTable.  Row i, column j is data[i * p + j].
 */
#pragma once

#include <string.h>

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint   n;     /* rows (customers) */
  guint   p;     /* columns (features) */
  double *data;  /* n × p, row-major */
} SegMatrix;

/**
 * seg_matrix_big_alloc0:
 * @bytes: the size
 *
 * Zeroed memory for a large array that is then written all through (a
 * matrix of a million customers, a column): from 4 MiB up it is mapped on
 * its own and the kernel is asked for 2 MiB pages where it has them, so
 * that filling it faults a few dozen times instead of once per 4 KiB page
 * (on a virtual machine a fault costs far more than writing the page).
 * Smaller sizes are plain g_malloc0 ().
 *
 * Returns: (transfer full): the memory, freed with seg_matrix_big_free ()
 *   and the same @bytes
 */
gpointer   seg_matrix_big_alloc0  (gsize bytes);
/**
 * seg_matrix_big_free:
 * @p: (nullable): what seg_matrix_big_alloc0 () returned
 * @bytes: the size it was asked for
 */
void       seg_matrix_big_free    (gpointer p,
                                   gsize    bytes);

/**
 * seg_matrix_big_malloc:
 * @bytes: the size
 *
 * Like g_malloc (), for an array that is then written all through: the
 * whole 2 MiB pages inside it are asked for as huge pages (see
 * seg_matrix_big_alloc0 ()).  Freed with g_free (), so it can go where
 * g_malloc () memory is expected (a table's column).
 *
 * Returns: (transfer full): the memory, not zeroed
 */
gpointer   seg_matrix_big_malloc  (gsize bytes);
/**
 * seg_matrix_big_malloc0:
 * @bytes: the size
 *
 * Like seg_matrix_big_malloc (), zeroed.
 *
 * Returns: (transfer full): the memory, freed with g_free ()
 */
gpointer   seg_matrix_big_malloc0 (gsize bytes);
/**
 * seg_matrix_advise_huge_pages:
 * @p: memory about to be written all through
 * @bytes: its size
 *
 * Asks for the whole 2 MiB pages inside it as huge pages, where the kernel
 * has them in madvise mode; a hint only, nothing else changes.
 */
void       seg_matrix_advise_huge_pages (gpointer p,
                                         gsize    bytes);

/**
 * seg_matrix_new:
 * @n: rows
 * @p: columns
 *
 * Returns: (transfer full): an @n × @p matrix of zeros
 */
SegMatrix *seg_matrix_new        (guint n,
                                  guint p);
/**
 * seg_matrix_new_from:
 * @n: rows
 * @p: columns
 * @data: (array) (nullable): @n × @p values, row-major, copied; %NULL only
 *   when there are none
 *
 * Returns: (transfer full): a new matrix holding a copy of @data
 */
SegMatrix *seg_matrix_new_from   (guint         n,
                                  guint         p,
                                  const double *data);
/**
 * seg_matrix_copy:
 * @m: a matrix
 *
 * Returns: (transfer full): a copy of @m
 */
SegMatrix *seg_matrix_copy       (const SegMatrix *m);
/**
 * seg_matrix_free:
 * @m: (nullable) (transfer full): a matrix
 */
void       seg_matrix_free       (SegMatrix *m);

static inline double *
seg_matrix_row (const SegMatrix *m,
                guint            i)
{
  return m->data + (gsize) i * m->p;
}

/**
 * seg_matrix_has_non_finite:
 * @m: a matrix
 *
 * Returns: %TRUE when some cell is NAN or infinite
 */
gboolean   seg_matrix_has_non_finite (const SegMatrix *m);

/**
 * seg_matrix_count_distinct_rows:
 * @m: a matrix
 * @limit: where to stop counting (the search stops there)
 *
 * -0.0 and 0.0 count as the same value.
 *
 * Returns: the number of distinct rows, at most @limit
 */
guint      seg_matrix_count_distinct_rows (const SegMatrix *m,
                                           guint            limit);

/* For the hot numeric loops: on x86-64 the function is also compiled for
 * AVX2 and the variant the processor supports is chosen when the program
 * loads (an ifunc, hence glibc).  AVX2 alone, not FMA: a fused multiply-add
 * rounds once where the plain code rounds twice, and results must not
 * depend on the machine. */
/* Not under ThreadSanitizer: the instrumented ifunc resolver runs before
 * TSan is initialised and crashes. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && defined(__GLIBC__) && !defined(__SANITIZE_THREAD__)
#define SEG_VECTORIZED __attribute__ ((target_clones ("avx2", "default")))
#else
#define SEG_VECTORIZED
#endif

/* Two doubles as one value (the GCC/Clang vector extension): every target
 * has registers this wide (or the compiler splits them), and each lane is
 * plain IEEE arithmetic, so a lane computes what scalar code would. */
typedef double SegPair __attribute__ ((vector_size (2 * sizeof (double))));

static inline SegPair
seg_pair_load (const double *p)
{
  SegPair v;

  memcpy (&v, p, sizeof v);
  return v;
}

static inline void
seg_pair_store (double  *p,
                SegPair  v)
{
  memcpy (p, &v, sizeof v);
}

/* Calls kernel (..., p) with p a literal for 1 … 12 features: a kernel
 * that is inlined (G_ALWAYS_INLINE) then has a compile-time p, its loop over
 * the features unrolls and its loop over rows can be vectorised, one row per
 * vector lane.  Each row still adds its features in order, so the numbers
 * are those of plain scalar code. */
#define SEG_WITH_CONSTANT_P(p, kernel, ...)                   \
  G_STMT_START                                                \
  {                                                           \
    switch (p)                                                \
      {                                                       \
      case 1: kernel (__VA_ARGS__, 1); break;                 \
      case 2: kernel (__VA_ARGS__, 2); break;                 \
      case 3: kernel (__VA_ARGS__, 3); break;                 \
      case 4: kernel (__VA_ARGS__, 4); break;                 \
      case 5: kernel (__VA_ARGS__, 5); break;                 \
      case 6: kernel (__VA_ARGS__, 6); break;                 \
      case 7: kernel (__VA_ARGS__, 7); break;                 \
      case 8: kernel (__VA_ARGS__, 8); break;                 \
      case 9: kernel (__VA_ARGS__, 9); break;                 \
      case 10: kernel (__VA_ARGS__, 10); break;               \
      case 11: kernel (__VA_ARGS__, 11); break;               \
      case 12: kernel (__VA_ARGS__, 12); break;               \
      default: kernel (__VA_ARGS__, p); break;                \
      }                                                       \
  }                                                           \
  G_STMT_END

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegMatrix, seg_matrix_free)

/* Squared Euclidean distance of two rows of @p values. */
static inline double
seg_sq_dist (const double *a,
             const double *b,
             guint         p)
{
  double s = 0.0;

  for (guint j = 0; j < p; j++)
    {
      double d = a[j] - b[j];
      s += d * d;
    }
  return s;
}

G_END_DECLS
