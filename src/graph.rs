//! The partnership network as a graph: Graphviz DOT, GraphML and SVG pictures.
