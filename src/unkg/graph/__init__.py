"""Stage `graph`: facts to RDF — IRIs and the mapping to the unkg ontology, SHACL validation, serialisation and
export, the dataset description."""
