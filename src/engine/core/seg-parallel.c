/* seg-parallel.c — a fixed-block parallel loop on a shared thread pool
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-parallel"

#include "config.h"

#include "seg-parallel.h"

#ifdef __linux__
#include <errno.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

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
static gint worker_nice = G_MININT; /* G_MININT: the workers keep theirs */

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

void
seg_parallel_set_worker_nice (int increment)
{
  g_return_if_fail (increment >= 0 && increment <= 19);

#ifdef __linux__
  if (increment > 0)
    {
      /* On Linux, PRIO_PROCESS with a thread id is that thread's own
       * nice value (0 is the calling thread). */
      int base;

      errno = 0;
      base = getpriority (PRIO_PROCESS, 0);
      if (errno == 0)
        g_atomic_int_set (&worker_nice, MIN (base + increment, 19));
      return;
    }
#endif
  g_atomic_int_set (&worker_nice, G_MININT);
}

int
seg_parallel_get_worker_nice (void)
{
  return g_atomic_int_get (&worker_nice);
}

void
seg_parallel_worker_enter (void)
{
#ifdef __linux__
  static _Thread_local int applied = G_MININT;   /* what this thread was given */
  int want = g_atomic_int_get (&worker_nice);
  id_t tid;
  int now;

  if (want == G_MININT || want <= applied)
    return;
  applied = want;
  tid = (id_t) syscall (SYS_gettid);
  errno = 0;
  now = getpriority (PRIO_PROCESS, tid);
  /* Raising a nice value needs no privilege; lowering it would. */
  if (errno == 0 && now < want && setpriority (PRIO_PROCESS, tid, want) != 0)
    g_debug ("cannot lower a worker thread's priority: %s", g_strerror (errno));
#endif
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

  seg_parallel_worker_enter ();
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
