/* seg-matrix.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-matrix"

#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/mman.h>

#include "seg-hash.h"
#include "seg-matrix.h"

#define BIG_BYTES ((gsize) 4 << 20)

gpointer
seg_matrix_big_alloc0 (gsize bytes)
{
#if defined(MADV_HUGEPAGE) && defined(MAP_ANONYMOUS)
  if (bytes >= BIG_BYTES)
    {
      void *p = mmap (NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

      if (p != MAP_FAILED)
        {
          madvise (p, bytes, MADV_HUGEPAGE);
          return p;
        }
    }
#endif
  return g_malloc0 (bytes);
}

void
seg_matrix_big_free (gpointer p,
                     gsize    bytes)
{
  if (p == NULL)
    return;
#if defined(MADV_HUGEPAGE) && defined(MAP_ANONYMOUS)
  if (bytes >= BIG_BYTES)
    {
      munmap (p, bytes);
      return;
    }
#endif
  g_free (p);
}

void
seg_matrix_advise_huge_pages (gpointer p,
                              gsize    bytes)
{
#ifdef MADV_HUGEPAGE
  const guintptr huge = (guintptr) 2 << 20;
  guintptr start = ((guintptr) p + huge - 1) & ~(huge - 1);
  guintptr end = ((guintptr) p + bytes) & ~(huge - 1);

  if (p != NULL && bytes >= BIG_BYTES && end > start)
    madvise ((void *) start, end - start, MADV_HUGEPAGE);
#endif
}

gpointer
seg_matrix_big_malloc (gsize bytes)
{
  gpointer p = g_malloc (bytes);

  seg_matrix_advise_huge_pages (p, bytes);
  return p;
}

gpointer
seg_matrix_big_malloc0 (gsize bytes)
{
  /* g_malloc0 () of a large block is a fresh mapping, not written yet */
  gpointer p = g_malloc0 (bytes);

  seg_matrix_advise_huge_pages (p, bytes);
  return p;
}

static gsize
matrix_bytes (guint n,
              guint p)
{
  return sizeof (double) * ((gsize) n * p + 1);
}

SegMatrix *
seg_matrix_new (guint n,
                guint p)
{
  SegMatrix *m = g_new0 (SegMatrix, 1);

  m->n = n;
  m->p = p;
  m->data = seg_matrix_big_alloc0 (matrix_bytes (n, p));
  return m;
}

SegMatrix *
seg_matrix_new_from (guint         n,
                     guint         p,
                     const double *data)
{
  SegMatrix *m;

  g_return_val_if_fail (data != NULL || (gsize) n * p == 0, NULL);

  m = seg_matrix_new (n, p);
  if ((gsize) n * p > 0)
    memcpy (m->data, data, sizeof (double) * n * p);
  return m;
}

SegMatrix *
seg_matrix_copy (const SegMatrix *m)
{
  g_return_val_if_fail (m != NULL, NULL);
  return seg_matrix_new_from (m->n, m->p, m->data);
}

void
seg_matrix_free (SegMatrix *m)
{
  if (m == NULL)
    return;
  seg_matrix_big_free (m->data, matrix_bytes (m->n, m->p));
  g_free (m);
}

gboolean
seg_matrix_has_non_finite (const SegMatrix *m)
{
  gsize total;

  g_return_val_if_fail (m != NULL, FALSE);
  total = (gsize) m->n * m->p;
  for (gsize i = 0; i < total; i++)
    if (!isfinite (m->data[i]))
      return TRUE;
  return FALSE;
}

static guint
hash_row (const double *row,
          guint         p)
{
  guint64 h = 1469598103934665603ull;

  for (guint j = 0; j < p; j++)
    h = seg_hash_combine (h, seg_hash_double_bits (row[j])); /* -0.0 → 0.0 */
  return seg_hash_fold32 (h);
}

static gboolean
rows_equal (const double *a,
            const double *b,
            guint         p)
{
  for (guint j = 0; j < p; j++)
    if (a[j] != b[j])
      return FALSE;
  return TRUE;
}

guint
seg_matrix_count_distinct_rows (const SegMatrix *m,
                                guint            limit)
{
  g_autofree guint *slots = NULL;
  guint cap = 16, count = 0;

  g_return_val_if_fail (m != NULL, 0);
  limit = MIN (limit, m->n);
  if (limit == 0)
    return 0;
  while (cap < 2 * limit)
    cap *= 2;
  slots = g_new (guint, cap);
  memset (slots, 0xff, sizeof (guint) * cap); /* G_MAXUINT = empty */

  for (guint i = 0; i < m->n && count < limit; i++)
    {
      const double *row = seg_matrix_row (m, i);
      guint s = hash_row (row, m->p) & (cap - 1);

      while (slots[s] != G_MAXUINT && !rows_equal (seg_matrix_row (m, slots[s]), row, m->p))
        s = (s + 1) & (cap - 1);
      if (slots[s] == G_MAXUINT)
        {
          slots[s] = i;
          count++;
        }
    }
  return count;
}
