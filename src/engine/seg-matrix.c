/* seg-matrix.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-matrix"

#include "config.h"

#include <math.h>
#include <string.h>

#include "seg-hash.h"
#include "seg-matrix.h"

#define MAX_THREADS 8

typedef struct
{
  gint         ref;
  guint        n_rows;
  guint        block_rows;
  guint        n_blocks;
  SegBlockFunc func;
  gpointer     user_data;
  gint         next;
  gint         done;
  GMutex       lock;
  GCond        cond;
} Job;

static GThreadPool *pool;
static gint n_threads_setting; /* 0 = not chosen yet */

SegMatrix *
seg_matrix_new (guint n,
                guint p)
{
  SegMatrix *m = g_new0 (SegMatrix, 1);

  m->n = n;
  m->p = p;
  m->data = g_new0 (double, (gsize) n * p + 1);
  return m;
}

SegMatrix *
seg_matrix_new_from (guint         n,
                     guint         p,
                     const double *data)
{
  SegMatrix *m = seg_matrix_new (n, p);

  g_return_val_if_fail (data != NULL || (gsize) n * p == 0, m);
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
  g_free (m->data);
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

guint
seg_parallel_n_blocks (guint n_rows,
                       guint block_rows)
{
  g_return_val_if_fail (block_rows > 0, 0);
  return (n_rows + block_rows - 1) / block_rows;
}

guint
seg_parallel_get_threads (void)
{
  gint n = g_atomic_int_get (&n_threads_setting);

  if (n <= 0)
    n = CLAMP (g_get_num_processors (), 1, MAX_THREADS);
  return (guint) n;
}

void
seg_parallel_set_threads (guint n_threads)
{
  g_atomic_int_set (&n_threads_setting, (gint) CLAMP (n_threads, 1, MAX_THREADS));
}

static void
job_unref (Job *job)
{
  if (!g_atomic_int_dec_and_test (&job->ref))
    return;
  g_mutex_clear (&job->lock);
  g_cond_clear (&job->cond);
  g_free (job);
}

static void
run_blocks (Job *job)
{
  for (;;)
    {
      guint b = (guint) g_atomic_int_add (&job->next, 1);
      guint start, end;

      if (b >= job->n_blocks)
        return;
      start = b * job->block_rows;
      end = MIN (job->n_rows, start + job->block_rows);
      job->func (b, start, end, job->user_data);
      if ((guint) g_atomic_int_add (&job->done, 1) + 1 == job->n_blocks)
        {
          g_mutex_lock (&job->lock);
          g_cond_broadcast (&job->cond);
          g_mutex_unlock (&job->lock);
        }
    }
}

static void
worker (gpointer data,
        gpointer user_data)
{
  Job *job = data;

  run_blocks (job);
  job_unref (job);
}

static GThreadPool *
get_pool (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      pool = g_thread_pool_new (worker, NULL, MAX_THREADS - 1, FALSE, NULL);
      g_once_init_leave (&once, 1);
    }
  return pool;
}

void
seg_parallel_blocks (guint        n_rows,
                     guint        block_rows,
                     SegBlockFunc func,
                     gpointer     user_data)
{
  guint n_blocks = seg_parallel_n_blocks (n_rows, block_rows);
  guint helpers = MIN (seg_parallel_get_threads (), n_blocks) - (n_blocks > 0);
  Job *job;

  g_return_if_fail (func != NULL);
  if (helpers == 0)
    {
      for (guint b = 0; b < n_blocks; b++)
        func (b, b * block_rows, MIN (n_rows, (b + 1) * block_rows), user_data);
      return;
    }

  /* Workers that start late find no block left and only drop their
   * reference, so the caller waits for the blocks, not for the workers. */
  job = g_new0 (Job, 1);
  job->ref = 1 + helpers;
  job->n_rows = n_rows;
  job->block_rows = block_rows;
  job->n_blocks = n_blocks;
  job->func = func;
  job->user_data = user_data;
  g_mutex_init (&job->lock);
  g_cond_init (&job->cond);
  for (guint t = 0; t < helpers; t++)
    g_thread_pool_push (get_pool (), job, NULL);
  run_blocks (job);
  g_mutex_lock (&job->lock);
  while ((guint) g_atomic_int_get (&job->done) < n_blocks)
    g_cond_wait (&job->cond, &job->lock);
  g_mutex_unlock (&job->lock);
  job_unref (job);
}
