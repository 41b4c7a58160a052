/* seg-txn-stream.c — one streaming pass over a large transaction log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file is read with read(2) in blocks of BLOCK_BYTES, never mapped
 * whole, so memory stays flat however long the log is.  Each block ends at a
 * row end; a block without quote characters is cut in two at a line break
 * near its middle and the halves are tokenised on two threads, a block with
 * quotes is tokenised on one (a line break may sit inside a quoted cell).
 * Each part turns its rows into compact records (seg-txn-stream-part.c); the
 * caller's fold then sees the records of the first part, then of the
 * second: file order, each row by the worker that owns its customer.
 */

#define G_LOG_DOMAIN "seg-txn-stream"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "seg-error.h"
#include "seg-hash.h"
#include "seg-matrix.h"
#include "seg-parse.h"
#include "seg-source.h"
#include "seg-table-private.h"
#include "seg-txn-stream-private.h"

#define BLOCK_BYTES       (8u << 20)
#define MAX_ROW_BYTES     (64u << 20)   /* a longer row is the full reader's to report */
#define PREFETCH_AHEAD    8

/* ---- the pass ------------------------------------------------------------------ */

typedef struct
{
  const SegStreamLayout *layout;
  const SegStreamFolder *folder;  /* NULL in whole-table mode */
  guint64        seq;         /* accepted rows before the block being folded */
  guint64        line;        /* physical line of the next part's first byte */
  GArray        *ragged;      /* Problem, absolute lines, in file order */
  GArray       **bad_cells;   /* per column */
  SegTable      *out;         /* whole-table mode: the table being filled */
  GArray       **out_cols;    /* whole-table mode: double, or char* (interned) */
  gboolean      *unique;      /* whole-table mode: a text column whose preview values all differ */
  Part           a;           /* the two halves of each block, b on a second thread */
  Part           b;
} Pass;

static void
move_problems (GArray  *to,
               GArray  *from,
               guint64  first_line)
{
  for (guint i = 0; i < from->len; i++)
    {
      Problem pr = g_array_index (from, Problem, i);
      pr.line += first_line;
      if (to->len < KEPT_PER_KIND)
        g_array_append_val (to, pr);
      else
        g_free (pr.message);
    }
  g_array_set_size (from, 0);
}

/* The worker that folds a row: customers are split by the top bit of their
 * hash, rows without a customer go to the first. */
static inline guint
owner (const Record *rec,
       guint         n_workers)
{
  return rec->cid_state != 0 ? seg_txn_stream_worker_of (rec->cid_hash, n_workers) : 0;
}

/* Folds the rows of @p that belong to @worker, in file order. */
static void
fold_records (Pass *pass,
              Part *p,
              guint64 seq,
              guint worker)
{
  const SegStreamLayout *l = pass->layout;
  const SegStreamFolder *folder = pass->folder;
  guint n_workers = MAX (folder->n_workers, 1);
  SegStreamRow row = { 0 };

  for (gsize i = 0; i < p->n_records; i++)
    {
      const Record *rec = &p->records[i];

      /* the fold's lookups miss the cache: ask for a later row's lines now */
      if (folder->prefetch != NULL && i + PREFETCH_AHEAD < p->n_records)
        {
          const Record *ahead = rec + PREFETCH_AHEAD;
          if (owner (ahead, n_workers) == worker)
            folder->prefetch (ahead->cid_hash, ahead->has_txn, ahead->txn_hash, worker, folder->user_data);
        }
      if (owner (rec, n_workers) != worker)
        continue;

      row.cid = rec->cid_state != 0 ? seg_txn_record_text (p, rec->cid_state, rec->cid_off) : NULL;
      row.cid_len = rec->cid_len;
      row.cid_hash = rec->cid_hash;
      row.day = rec->day;
      row.amount = rec->amount;
      row.has_txn = rec->has_txn;
      row.txn_hash = rec->txn_hash;
      row.row_hash = rec->row_hash;
      row.seq = seq + i;
      row.extras = l->n_extras > 0 ? &g_array_index (p->extras, double, (gsize) i * l->n_extras) : NULL;
      folder->fold (&row, worker, folder->user_data);
    }
}

typedef struct
{
  Pass  *pass;
  guint  worker;
} FoldJob;

static gpointer
fold_thread (gpointer data)
{
  FoldJob *job = data;

  fold_records (job->pass, &job->pass->a, job->pass->seq, job->worker);
  fold_records (job->pass, &job->pass->b, job->pass->seq + job->pass->a.n_records, job->worker);
  return NULL;
}

/* The rows of both parts of a block, each folded by the worker that owns
 * its customer: with two workers, the second on a thread of its own. */
static void
fold_block (Pass *pass)
{
  const SegStreamFolder *folder = pass->folder;
  FoldJob second = { pass, 1 };
  FoldJob first = { pass, 0 };
  GThread *thread = NULL;

  if (folder == NULL)
    return;
  if (folder->n_workers > 1 && pass->a.n_records + pass->b.n_records > 0)
    thread = g_thread_new ("segmenta-fold", fold_thread, &second);
  fold_thread (&first);
  if (thread != NULL)
    g_thread_join (thread);
  if (folder->block_done != NULL)
    folder->block_done (folder->user_data);
  pass->seq += pass->a.n_records + pass->b.n_records;
}

static void
fold_part (Pass *pass,
           Part *p)
{
  const SegStreamLayout *l = pass->layout;

  for (guint c = 0; pass->out_cols != NULL && c < l->n_columns; c++)
    {
      GArray *from = p->cols[c];

      if (l->types[c] != SEG_COLUMN_TEXT)
        g_array_append_vals (pass->out_cols[c], from->data, from->len);
      else
        {
          GArray *to = pass->out_cols[c];
          guint at = to->len;
          const char **cells;

          g_array_set_size (to, at + from->len);
          cells = &g_array_index (to, const char *, at);
          for (guint i = 0; i < from->len; i++)
            {
              guint32 off = g_array_index (from, guint32, i);
              cells[i] = off == G_MAXUINT32 ? NULL
                         : pass->unique[c] ? seg_table_store (pass->out, p->text + off)
                         : seg_table_intern (pass->out, p->text + off);
            }
        }
    }
  move_problems (pass->ragged, p->ragged, pass->line);
  for (guint c = 0; c < l->n_columns; c++)
    move_problems (pass->bad_cells[c], p->bad_cells[c], pass->line);
  pass->line += p->lines;
  seg_txn_stream_part_reset (p);
}

/* The report of @target now speaks for the whole file: counts, problems in
 * the whole reader's order (ragged rows, then each column's cells), the
 * notices of @notices with each column's mark replaced, column formats and
 * missing counts.  FALSE when the whole reader would have typed a column
 * differently or refused the file: the caller falls back to it. */
static gboolean
finish_report (Pass      *pass,
               SegTable  *target,
               GPtrArray *notices,
               Part      *a,
               Part      *b)
{
  const SegStreamLayout *l = pass->layout;
  SegReadReport *report = seg_table_get_report_mut (target);
  guint64 rows = a->rows + b->rows, skipped = a->skipped + b->skipped;
  guint64 n_problems = skipped;
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);

  if (rows == 0 || skipped * 2 > rows + skipped)
    return FALSE;
  for (guint c = 0; c < l->n_columns; c++)
    if (l->types[c] != SEG_COLUMN_TEXT && !seg_csv_few_bad (a->good[c] + b->good[c], a->bad[c] + b->bad[c]))
      return FALSE;
  /* a text column stays text only when more than 1 in 100 of its cells
   * cannot be read as anything else (or it is blank all through) */
  for (guint c = 0; c < l->n_columns; c++)
    {
      guint64 seen = a->text_seen[c] + b->text_seen[c];
      guint64 untyped = a->text_untyped[c] + b->text_untyped[c];

      if (l->types[c] == SEG_COLUMN_TEXT && seen > 0 && untyped * 100 <= seen)
        return FALSE;
    }
  /* a preview streamed before (the import view builds again from it) may be
   * on screen: it already says all this, and must not change under the UI */
  if (report->streamed)
    return TRUE;
  report->streamed = TRUE;

  for (guint c = 0; c < l->n_columns; c++)
    {
      SegColumn *column = seg_table_get_column_mut (target, c);
      guint flags = a->flags[c] | b->flags[c];

      column->n_missing = a->missing[c] + b->missing[c] + a->bad[c] + b->bad[c];
      if (column->type == SEG_COLUMN_NUMBER)
        {
          g_free (column->format);
          column->format = seg_csv_number_format (flags);
        }
      else if (column->type == SEG_COLUMN_DATE && l->date_formats[c] == SEG_DATE_ISO)
        {
          g_free (column->format);
          column->format = g_strdup ((flags & 1) ? "YYYY-MM-DD HH:MM:SS" : "YYYY-MM-DD");
        }
    }
  for (guint i = 0; i < notices->len; i++)
    {
      const char *notice = g_ptr_array_index (notices, i);
      guint c;

      if (notice[0] != SEG_CSV_NOTICE_MARK)
        {
          g_ptr_array_add (kept, g_strdup (notice));
          continue;
        }
      c = (guint) g_ascii_strtoull (notice + 1, NULL, 10);
      if (c < l->n_columns && a->bad[c] + b->bad[c] > 0)
        g_ptr_array_add (kept, seg_csv_bad_cells_notice (l->types[c], seg_table_get_column (target, c)->name,
                                                         a->bad[c] + b->bad[c]));
    }

  report->rows = rows;
  report->skipped = skipped;
  g_ptr_array_set_size (report->problems, 0);
  report->n_problems = 0;
  for (guint i = 0; i < pass->ragged->len; i++)
    {
      Problem *pr = &g_array_index (pass->ragged, Problem, i);
      seg_table_add_problem (target, pr->line + 1, pr->column, pr->message);
    }
  for (guint c = 0; c < l->n_columns; c++)
    {
      SegColumn *column = seg_table_get_column_mut (target, c);

      for (guint i = 0; i < pass->bad_cells[c]->len; i++)
        {
          Problem *pr = &g_array_index (pass->bad_cells[c], Problem, i);
          g_autofree char *msg = seg_csv_bad_cell_message (column->type, column->format, pr->message);
          seg_table_add_problem (target, pr->line + 1, pr->column, msg);
        }
      n_problems += a->bad[c] + b->bad[c];
    }
  report->n_problems = n_problems;
  g_ptr_array_set_size (report->notices, 0);
  for (guint i = 0; i < kept->len; i++)
    seg_table_add_notice (target, g_ptr_array_index (kept, i));
  return TRUE;
}

static gboolean
fill (int      fd,
      char    *buffer,
      gsize    capacity,
      gsize   *len,
      gboolean *eof,
      GError **error,
      const char *path)
{
  while (*len < capacity && !*eof)
    {
      gssize got = read (fd, buffer + *len, capacity - *len);
      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        {
          int saved = errno;
          seg_error_set_at (error, SEG_ERROR_IO, path, 0, 0, _("cannot read the file: %s"),
                            g_strerror (saved));
          return FALSE;
        }
      if (got == 0)
        *eof = TRUE;
      *len += (gsize) got;
    }
  return TRUE;
}

/* Where to cut the buffer: after the last line break outside quotes (0 when
 * there is none), and near the middle for the second thread.  A quote that
 * sits inside an unquoted cell throws the count off; the tokeniser then meets
 * an unclosed quote at the end of its part and the pass falls back. */
static void
find_cuts (const char *text,
           gsize       len,
           gboolean    quotes,
           gsize      *mid,
           gsize      *cut)
{
  gboolean inside = FALSE;
  gsize half = len / 2;

  *mid = 0;
  *cut = 0;
  if (!quotes)
    {
      const char *nl;
      gsize i = len;

      while (i > 0 && text[i - 1] != '\n')
        i--;
      *cut = i;
      nl = *cut > half ? memchr (text + half, '\n', *cut - half) : NULL;
      *mid = nl != NULL ? (gsize) (nl - text) + 1 : *cut;
      return;
    }
  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '"')
        inside = !inside;
      else if (text[i] == '\n' && !inside)
        {
          *cut = i + 1;
          if (*mid == 0 && i >= half)
            *mid = i + 1;
        }
    }
  if (*mid == 0 || *mid > *cut)
    *mid = *cut;
}

/* The block buffer is written whole by every read: asked for 2 MiB pages
 * (where the kernel has them), its first fill faults a few times instead of
 * two thousand, which on a virtual machine is a few percent of the pass. */
static void
advise_huge_pages (char  *buffer,
                   gsize  bytes)
{
#ifdef MADV_HUGEPAGE
  const guintptr huge = (guintptr) 2 << 20;
  guintptr start = ((guintptr) buffer + huge - 1) & ~(huge - 1);
  guintptr end = ((guintptr) buffer + bytes) & ~(huge - 1);

  if (end > start)
    madvise ((void *) start, end - start, MADV_HUGEPAGE);
#endif
}

static SegStreamResult
run_pass (const char            *path,
          Pass                  *pass,
          GCancellable          *cancellable,
          SegProgressFunc        progress,
          gpointer               progress_data,
          GError               **error)
{
  const SegStreamLayout *layout = pass->layout;
  g_autofree char *progress_message = NULL;
  g_autofree char *base = g_path_get_basename (path);
  SegStreamResult result = SEG_STREAM_FALLBACK;
  Part *a = &pass->a, *b = &pass->b;
  gsize capacity = BLOCK_BYTES, len = 0, total = 0;
  gboolean eof = FALSE, first = TRUE;
  char *buffer;
  struct stat st;
  int fd;

  fd = g_open (path, O_RDONLY, 0);
  if (fd < 0)
    {
      int saved = errno;
      seg_error_set_at (error, SEG_ERROR_IO, path, 0, 0, _("cannot open the file: %s"), g_strerror (saved));
      return SEG_STREAM_ERROR;
    }
  if (fstat (fd, &st) != 0)
    st.st_size = 0;
  progress_message = g_strdup_printf (_("Reading %s…"), base);
  buffer = g_malloc (capacity + 1);
  advise_huge_pages (buffer, capacity + 1);
  seg_txn_stream_part_init (a, layout);
  seg_txn_stream_part_init (b, layout);
  a->header = TRUE;
  pass->ragged = g_array_new (FALSE, FALSE, sizeof (Problem));
  pass->bad_cells = g_new0 (GArray *, layout->n_columns);
  for (guint c = 0; c < layout->n_columns; c++)
    pass->bad_cells[c] = g_array_new (FALSE, FALSE, sizeof (Problem));

  for (;;)
    {
      gsize start = 0, consumed;
      gboolean quotes;

      if (!fill (fd, buffer, capacity, &len, &eof, error, path))
        {
          result = SEG_STREAM_ERROR;
          break;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          result = SEG_STREAM_ERROR;
          break;
        }
      if (first && len >= 3 && memcmp (buffer, "\xEF\xBB\xBF", 3) == 0)
        start = 3;
      first = FALSE;
      if (len == start)
        {
          result = SEG_STREAM_OK;
          break;
        }
      quotes = memchr (buffer + start, '"', len - start) != NULL;
      {
        gsize mid, cut;
        GThread *worker = NULL;

        find_cuts (buffer + start, len - start, quotes, &mid, &cut);
        if (eof)
          {
            cut = len - start;
            mid = MIN (mid, cut);
            if (mid == 0)
              mid = cut;
          }
        consumed = start + cut;
        if (cut > 0)
          {
            a->text = buffer + start;
            a->len = mid;
            b->text = buffer + start + mid;
            b->len = cut - mid;
            if (b->len > 0)
              worker = g_thread_new ("segmenta-stream", seg_txn_stream_part_read, b);
            seg_txn_stream_part_read (a);
            if (worker != NULL)
              g_thread_join (worker);
            if (a->give_up || b->give_up)
              break;
            fold_block (pass);
            fold_part (pass, a);
            fold_part (pass, b);
          }
      }
      total += consumed;
      if (progress != NULL && st.st_size > 0)
        progress (MIN (1.0, (double) total / (double) st.st_size), progress_message, progress_data);
      if (eof && consumed >= len)
        {
          result = SEG_STREAM_OK;
          break;
        }
      if (consumed == 0 || (eof && consumed < len))
        {
          /* a row longer than the buffer */
          if (eof || capacity >= MAX_ROW_BYTES)
            break;
          capacity *= 2;
          buffer = g_realloc (buffer, capacity + 1);
          advise_huge_pages (buffer, capacity + 1);
          continue;
        }
      memmove (buffer, buffer + consumed, len - consumed);
      len -= consumed;
    }

  close (fd);
  g_free (buffer);
  return result;
}

static void
pass_clear (Pass *pass)
{
  seg_txn_stream_part_clear (&pass->a);
  seg_txn_stream_part_clear (&pass->b);
  seg_txn_stream_problems_clear (pass->ragged);
  g_array_unref (pass->ragged);
  for (guint c = 0; c < pass->layout->n_columns; c++)
    {
      seg_txn_stream_problems_clear (pass->bad_cells[c]);
      g_array_unref (pass->bad_cells[c]);
    }
  g_free (pass->bad_cells);
}

SegStreamResult
seg_txn_stream (const char            *path,
                const SegStreamLayout *layout,
                SegTable              *preview,
                GCancellable          *cancellable,
                SegProgressFunc        progress,
                gpointer               progress_data,
                const SegStreamFolder *folder,
                GError               **error)
{
  Pass pass = { layout, folder, 0, 0, NULL, NULL, NULL, NULL, NULL };
  const GPtrArray *own;
  g_autoptr(GPtrArray) notices = NULL;
  SegStreamResult result;

  g_return_val_if_fail (path != NULL && layout != NULL && preview != NULL, SEG_STREAM_ERROR);
  g_return_val_if_fail (folder != NULL && folder->fold != NULL, SEG_STREAM_ERROR);
  g_return_val_if_fail (folder->n_workers == 1 || folder->n_workers == 2, SEG_STREAM_ERROR);
  g_return_val_if_fail (error == NULL || *error == NULL, SEG_STREAM_ERROR);
  own = seg_table_get_report (preview)->notices;
  notices = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < own->len; i++)
    g_ptr_array_add (notices, g_strdup (g_ptr_array_index (own, i)));
  result = run_pass (path, &pass, cancellable, progress, progress_data, error);
  if (result == SEG_STREAM_OK && !finish_report (&pass, preview, notices, &pass.a, &pass.b))
    result = SEG_STREAM_FALLBACK;
  pass_clear (&pass);
  return result;
}

/* Dates are streamed only in the orders that do not depend on the values. */
static gboolean
streamable_dates (const SegTable *t)
{
  for (guint c = 0; c < seg_table_get_n_columns (t); c++)
    {
      const SegColumn *col = seg_table_get_column (t, c);
      if (col->type == SEG_COLUMN_DATE && col->format != NULL
          && !g_str_has_prefix (col->format, "YYYY-MM-DD") && strcmp (col->format, "YYYYMMDD") != 0)
        return FALSE;
    }
  return TRUE;
}

gboolean
seg_txn_stream_dialect_ok (const SegTable *preview)
{
  const SegReadReport *rep;

  g_return_val_if_fail (preview != NULL, FALSE);
  rep = seg_table_get_report (preview);
  return rep->delimiter != ' ' && rep->has_header
         && (rep->encoding == NULL || strcmp (rep->encoding, "UTF-8") == 0)
         && streamable_dates (preview);
}

SegTable *
seg_txn_stream_table (SegTable        *preview,
                      GCancellable    *cancellable,
                      SegProgressFunc  progress,
                      gpointer         progress_data,
                      SegStreamResult *result,
                      GError         **error)
{
  const SegReadReport *rep;
  guint n;
  g_autofree SegColumnType *types = NULL;
  g_autofree SegDateFormat *formats = NULL;
  g_autoptr(GPtrArray) notices = NULL;
  g_autoptr(SegTable) out = NULL;
  SegStreamLayout layout = { 0 };
  Pass pass = { &layout, NULL, 0, 0, NULL, NULL, NULL, NULL, NULL };
  SegReadReport *out_rep;

  g_return_val_if_fail (preview != NULL && result != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  rep = seg_table_get_report (preview);
  n = seg_table_get_n_columns (preview);
  types = g_new0 (SegColumnType, MAX (n, 1));
  formats = g_new0 (SegDateFormat, MAX (n, 1));
  notices = g_ptr_array_new_with_free_func (g_free);
  *result = SEG_STREAM_FALLBACK;
  if (!seg_txn_stream_dialect_ok (preview))
    return NULL;
  for (guint c = 0; c < n; c++)
    {
      const SegColumn *col = seg_table_get_column (preview, c);
      types[c] = col->type;
      formats[c] = col->format != NULL && strcmp (col->format, "YYYYMMDD") == 0 ? SEG_DATE_COMPACT : SEG_DATE_ISO;
    }
  for (guint i = 0; i < rep->notices->len; i++)
    g_ptr_array_add (notices, g_strdup (g_ptr_array_index (rep->notices, i)));
  layout.n_columns = n;
  layout.delimiter = rep->delimiter;
  layout.decimal_comma = rep->decimal_comma;
  layout.types = types;
  layout.date_formats = formats;
  layout.cid = layout.date = layout.amount = layout.txn_id = -1;
  layout.whole_table = TRUE;

  out = seg_source_table_new (rep->path);
  out_rep = seg_table_get_report_mut (out);
  out_rep->delimiter = rep->delimiter;
  out_rep->quote = rep->quote;
  out_rep->has_header = rep->has_header;
  g_free (out_rep->encoding);
  out_rep->encoding = g_strdup (rep->encoding);
  out_rep->bom = rep->bom;
  out_rep->crlf = rep->crlf;
  out_rep->decimal_comma = rep->decimal_comma;
  pass.out = out;
  pass.unique = g_new0 (gboolean, MAX (n, 1));
  for (guint c = 0; c < n; c++)
    {
      /* ids: every value different in the preview; interning them would only
       * look each one up in vain */
      const SegColumn *col = seg_table_get_column (preview, c);
      g_autoptr(GHashTable) seen = NULL;
      guint64 rows = seg_table_get_n_rows (preview), r;

      if (col->type != SEG_COLUMN_TEXT)
        continue;
      seen = g_hash_table_new (g_direct_hash, g_direct_equal);
      for (r = 0; r < rows; r++)
        if (col->text[r] != NULL && !g_hash_table_add (seen, col->text[r]))
          break;
      pass.unique[c] = r == rows && rows > 0;
    }
  /* the columns sized for the whole file from the preview's bytes per row
   * (a tenth more): grown by doubling, a million rows were copied over a
   * few times; what is reserved and not used is never touched */
  {
    GStatBuf st;
    guint64 rows = seg_table_get_n_rows (preview), expected = 0;

    if (rows > 0 && rep->preview_bytes > 0 && g_stat (rep->path, &st) == 0 && st.st_size > 0)
      expected = (guint64) ((double) st.st_size * (double) rows / (double) rep->preview_bytes * 1.1);
    expected = MIN (expected, (guint64) G_MAXUINT / 16);
    pass.out_cols = g_new0 (GArray *, MAX (n, 1));
    for (guint c = 0; c < n; c++)
      {
        gsize size = types[c] == SEG_COLUMN_TEXT ? sizeof (char *) : sizeof (double);

        pass.out_cols[c] = g_array_sized_new (FALSE, FALSE, size, (guint) expected);
        seg_matrix_advise_huge_pages (pass.out_cols[c]->data, size * expected);
      }
  }

  /* the table's columns exist before the pass so that its report can be
   * finished in place; their cells are attached afterwards */
  *result = run_pass (rep->path, &pass, cancellable, progress, progress_data, error);
  if (*result == SEG_STREAM_OK)
    {
      guint64 rows = pass.out_cols[0]->len;
      for (guint c = 0; c < n; c++)
        {
          const SegColumn *was = seg_table_get_column (preview, c);
          GArray *cells = pass.out_cols[c];
          SegColumn *col = seg_table_add_column (out, was->name, was->type, rows,
                                                 was->type == SEG_COLUMN_TEXT ? NULL : (double *) (gpointer) g_array_free (cells, FALSE),
                                                 was->type == SEG_COLUMN_TEXT ? (char **) (gpointer) g_array_free (cells, FALSE) : NULL);
          col->format = g_strdup (was->format);
          col->interned = was->type == SEG_COLUMN_TEXT;
          pass.out_cols[c] = NULL;
        }
      if (!finish_report (&pass, out, notices, &pass.a, &pass.b))
        *result = SEG_STREAM_FALLBACK;
    }
  for (guint c = 0; c < n; c++)
    if (pass.out_cols[c] != NULL)
      g_array_unref (pass.out_cols[c]);
  g_free (pass.out_cols);
  g_free (pass.unique);
  pass_clear (&pass);
  return *result == SEG_STREAM_OK ? g_steal_pointer (&out) : NULL;
}

