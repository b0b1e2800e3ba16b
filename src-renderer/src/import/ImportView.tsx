/** Import a 5etools data folder. (Placeholder of the scaffold: ui-forms builds it.) */
export function ImportView() {
  return (
    <section class="import-view" aria-labelledby="import-heading">
      <h2 id="import-heading">Import 5etools data</h2>
    </section>
  );
}
