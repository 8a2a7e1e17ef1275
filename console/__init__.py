"""Streamlit console for operators and supervisors."""
