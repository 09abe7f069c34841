/** A widget filter's choices: all widgets (the empty value), then each widget by name. */
export function WidgetOptions({ widgets }: { widgets: { id: string; name: string }[] }) {
  return (
    <>
      <option value="">All widgets</option>
      {widgets.map((widget) => (
        <option key={widget.id} value={widget.id}>
          {widget.name}
        </option>
      ))}
    </>
  );
}
