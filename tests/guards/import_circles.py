"""An import-linter contract: no module reaches itself through imports, across packages too.

`acyclic_siblings` (pyproject.toml) finds circles among the children of one package; a circle that
leaves the package (desktop.paths -> forms.fonts -> desktop.paths) is not among siblings, so this
contract walks the whole graph of our modules. grimp's graph holds every import statement, those
inside functions included: a late import that closes a circle breaks the contract like any other.
"""

from __future__ import annotations

from importlinter import Contract, ContractCheck, fields, output


class AcyclicModulesContract(Contract):
    type_name = "acyclic_modules"

    packages = fields.ListField(subfield=fields.StringField())

    def check(self, graph, verbose: bool) -> ContractCheck:
        ours = {m for m in graph.modules if m.split(".")[0] in self.packages}
        circles: dict[frozenset[str], list[tuple[str, str, list[int]]]] = {}
        for importer in sorted(ours):
            for imported in sorted(graph.find_modules_directly_imported_by(importer) & ours):
                back = graph.find_shortest_chain(importer=imported, imported=importer)
                if back is None:
                    continue
                modules = [importer, *back]  # importer -> imported -> ... -> importer
                if frozenset(modules) not in circles:
                    circles[frozenset(modules)] = [
                        (a, b, sorted(d["line_number"] for d in graph.get_import_details(importer=a, imported=b)))
                        for a, b in zip(modules, modules[1:])]
        return ContractCheck(kept=not circles, metadata={"circles": list(circles.values())})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for circle in check.metadata["circles"]:
            output.print_error("An import circle:")
            for importer, imported, lines in circle:
                output.indent_cursor()
                output.print_error(f"{importer} -> {imported} (l.{', '.join(map(str, lines))})", bold=False)
            output.new_line()
