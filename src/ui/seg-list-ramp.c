/* seg-list-ramp.c — a list model that lets a list view fill up a few rows at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-list-ramp"

#include "config.h"

#include "seg-list-ramp.h"

/* A list view keeps at most 200 row widgets (plus a few around its anchor);
 * past this many rows, growing the slice makes no new widgets. */
#define RAMP_END 240
/* Between two steps: about a frame, so the rows made so far get drawn. */
#define STEP_INTERVAL_MS 16

typedef struct
{
  GtkSliceListModel *slice;   /* weak: the ramp lives in its data */
  guint              first;
  guint              step;
  guint              source_id;
  GSourceFunc        done;      /* draining: called once it shows nothing */
  gpointer           done_data;
} Ramp;

static void
ramp_free (Ramp *ramp)
{
  g_clear_handle_id (&ramp->source_id, g_source_remove);
  g_free (ramp);
}

static gboolean
grow_cb (gpointer data)
{
  Ramp *ramp = data;
  guint size = gtk_slice_list_model_get_size (ramp->slice) + ramp->step;

  if (size < RAMP_END)
    {
      gtk_slice_list_model_set_size (ramp->slice, size);
      return G_SOURCE_CONTINUE;
    }
  ramp->source_id = 0;
  gtk_slice_list_model_set_size (ramp->slice, G_MAXUINT);
  return G_SOURCE_REMOVE;
}

static gboolean
shrink_cb (gpointer data)
{
  Ramp *ramp = data;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (ramp->slice));
  guint step = ramp->step * 3;

  /* a slice over the whole model first drops what has no widgets */
  n = MIN (n, RAMP_END);
  if (n > step)
    {
      gtk_slice_list_model_set_size (ramp->slice, n - step);
      return G_SOURCE_CONTINUE;
    }
  ramp->source_id = 0;
  gtk_slice_list_model_set_size (ramp->slice, 0);
  ramp->done (ramp->done_data);
  return G_SOURCE_REMOVE;
}

void
seg_list_ramp_drain (GtkSliceListModel *slice,
                     GSourceFunc        done,
                     gpointer           data)
{
  Ramp *ramp;

  g_return_if_fail (GTK_IS_SLICE_LIST_MODEL (slice));
  g_return_if_fail (done != NULL);

  ramp = g_object_get_data (G_OBJECT (slice), "seg-list-ramp");
  g_return_if_fail (ramp != NULL);
  g_clear_handle_id (&ramp->source_id, g_source_remove);
  ramp->done = done;
  ramp->done_data = data;
  if (g_list_model_get_n_items (G_LIST_MODEL (slice)) <= ramp->step * 3)
    {
      gtk_slice_list_model_set_size (slice, 0);
      done (data);
      return;
    }
  ramp->source_id = g_timeout_add_full (G_PRIORITY_DEFAULT_IDLE, STEP_INTERVAL_MS, shrink_cb, ramp, NULL);
}

GtkSliceListModel *
seg_list_ramp_new (GListModel *model,
                   guint       first,
                   guint       step)
{
  GtkSliceListModel *slice;
  Ramp *ramp;

  g_return_val_if_fail (model == NULL || G_IS_LIST_MODEL (model), NULL);
  g_return_val_if_fail (step > 0, NULL);

  slice = gtk_slice_list_model_new (model, 0, G_MAXUINT);
  ramp = g_new0 (Ramp, 1);
  ramp->slice = slice;
  ramp->first = first;
  ramp->step = step;
  g_object_set_data_full (G_OBJECT (slice), "seg-list-ramp", ramp, (GDestroyNotify) ramp_free);
  seg_list_ramp_restart (slice);
  return slice;
}

void
seg_list_ramp_restart (GtkSliceListModel *slice)
{
  Ramp *ramp;

  g_return_if_fail (GTK_IS_SLICE_LIST_MODEL (slice));

  ramp = g_object_get_data (G_OBJECT (slice), "seg-list-ramp");
  g_return_if_fail (ramp != NULL);
  g_clear_handle_id (&ramp->source_id, g_source_remove);
  gtk_slice_list_model_set_size (slice, ramp->first);
  ramp->source_id = g_timeout_add_full (G_PRIORITY_DEFAULT_IDLE, STEP_INTERVAL_MS, grow_cb, ramp, NULL);
}

/* A table of many columns makes many labels per row: its steps are counted
 * in rows of that table.  The new sizes apply from the next restart or
 * step on. */
void
seg_list_ramp_set_steps (GtkSliceListModel *slice,
                         guint              first,
                         guint              step)
{
  Ramp *ramp;

  g_return_if_fail (GTK_IS_SLICE_LIST_MODEL (slice));
  g_return_if_fail (step > 0);

  ramp = g_object_get_data (G_OBJECT (slice), "seg-list-ramp");
  g_return_if_fail (ramp != NULL);
  ramp->first = first;
  ramp->step = step;
}
