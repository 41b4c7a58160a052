/* seg-focus.c — keyboard focus helpers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK's lists take Tab as "next row": in the sidebar (browse selection) that
 * switches panes at every press, and in a table of thousands of customers it
 * traps the keyboard.  Here Tab leaves the list, as it leaves any other
 * widget, and the arrow keys move within it.
 */
#define G_LOG_DOMAIN "seg-focus"

#include "config.h"

#include "seg-focus.h"

static GtkWidget *
step (GtkWidget        *widget,
      GtkDirectionType  direction)
{
  return direction == GTK_DIR_TAB_BACKWARD ? gtk_widget_get_prev_sibling (widget)
                                           : gtk_widget_get_next_sibling (widget);
}

static gboolean
takes_focus (GtkWidget        *widget,
             GtkDirectionType  direction)
{
  return gtk_widget_get_visible (widget) && gtk_widget_get_child_visible (widget) &&
         gtk_widget_is_sensitive (widget) && gtk_widget_child_focus (widget, direction);
}

gboolean
seg_focus_move_past (GtkWidget        *widget,
                     GtkDirectionType  direction)
{
  GtkWidget *child = widget;
  GtkWidget *parent;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (direction == GTK_DIR_TAB_FORWARD || direction == GTK_DIR_TAB_BACKWARD, FALSE);

  /* the siblings after @child, then after its parent, and so on up */
  while ((parent = gtk_widget_get_parent (child)) != NULL)
    {
      for (GtkWidget *s = step (child, direction); s != NULL; s = step (s, direction))
        if (takes_focus (s, direction))
          return TRUE;
      child = parent;
    }
  /* past the end of the window: round again from the other end */
  gtk_root_set_focus (GTK_ROOT (child), NULL);
  return takes_focus (child, direction);
}

typedef struct
{
  GtkWidget *next;    /* borrowed: widgets of the same window */
  GtkWidget *outer;
} Leave;

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                Leave                 *leave)
{
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();
  gboolean back;

  if (keyval != GDK_KEY_Tab && keyval != GDK_KEY_KP_Tab && keyval != GDK_KEY_ISO_Left_Tab)
    return FALSE;
  if ((mods & ~GDK_SHIFT_MASK) != 0)
    return FALSE;   /* Ctrl+Tab and the like keep their meaning */
  back = keyval == GDK_KEY_ISO_Left_Tab || (mods & GDK_SHIFT_MASK) != 0;
  if (!back && leave->next != NULL && takes_focus (leave->next, GTK_DIR_TAB_FORWARD))
    return TRUE;
  return seg_focus_move_past (leave->outer, back ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD);
}

void
seg_focus_tab_leaves (GtkWidget *list,
                      GtkWidget *next,
                      GtkWidget *outer)
{
  GtkEventController *keys;
  Leave *leave;

  g_return_if_fail (GTK_IS_WIDGET (list));
  g_return_if_fail (next == NULL || GTK_IS_WIDGET (next));
  g_return_if_fail (outer == NULL || gtk_widget_is_ancestor (list, outer));

  leave = g_new0 (Leave, 1);
  leave->next = next;
  leave->outer = outer ? outer : list;
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_data (keys, "key-pressed", G_CALLBACK (key_pressed_cb), leave,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  gtk_widget_add_controller (list, keys);
}
